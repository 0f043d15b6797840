package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;

import java.util.List;
import java.util.Optional;

/**
 * Carries each flight's stream of quotes from the producers that publish prices to every node whose
 * travellers follow the flight. A node {@linkplain #subscribe subscribes} to a flight when its first
 * local follower arrives and {@linkplain #unsubscribe unsubscribes} after the last, so that it is
 * delivered only what someone on it follows. The bus, not the producer, numbers each flight's
 * stream, names it with an epoch and keeps its recent history: every node sees the same quote at the
 * same {@code seq}, and a follower that lost its connection resumes where it left off.
 *
 * <p>The in-memory bus serves one node; a shared one (Redis) lets several nodes carry one stream
 * behind the same interface. Implementations are thread-safe.
 */
public interface PriceBus extends AutoCloseable {

    /** From now on, quotes of subscribed flights go to {@code listener}. Called once, before anything is published. */
    void start(QuoteListener listener);

    /** Appends each update to its flight's stream, in order: one quote each, with the next {@code seq}. */
    void publish(List<PriceUpdate> updates);

    /** This node wants the flight's quotes. Subscribing to a flight already subscribed changes nothing. */
    void subscribe(FlightId flight);

    /**
     * This node no longer wants the flight's quotes. One already on its way may still arrive: the
     * fan-out drops what nobody follows.
     */
    void unsubscribe(FlightId flight);

    /** The newest quote of the flight's stream, the opening price shown to a new follower; empty before its first. */
    Optional<Quote> latest(FlightId flight);

    /**
     * The quotes of the flight's stream after {@code position}, oldest first, for a follower resuming
     * from there; empty when the stream cannot go on from that position: another epoch, a seq the
     * stream has not reached, or quotes after it already forgotten.
     */
    Optional<List<Quote>> after(FlightId flight, StreamPosition position);

    /** Ends the flight's stream: its latest quote is forgotten, a later publish starts a new one. */
    void remove(FlightId flight);

    /** What carries the streams, as {@code info} reports it: {@code memory} or {@code redis}. */
    String kind();

    /** Whether the bus can carry quotes now; a bus in memory always can. */
    boolean connected();

    /** Stops delivering; nothing is published after this. */
    @Override
    void close();
}
