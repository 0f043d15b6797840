package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The bus of a single node: each flight's stream and its recent history live in memory, and
 * publishing delivers straight to the node's listener on the publisher's thread. Streams live as long
 * as the node does; each opens under a new random epoch, so that a client resuming after the node
 * restarted is told its place is gone. Thread-safe: a flight's stream advances under that flight's
 * map entry, so flights are published in parallel and one flight's quotes get consecutive {@code seq}.
 */
public final class InMemoryPriceBus implements PriceBus {

    private final int historySize;
    private final Supplier<String> newEpoch;
    private final Map<FlightId, FlightStream> streams = new ConcurrentHashMap<>();
    private final Set<FlightId> subscribed = ConcurrentHashMap.newKeySet();
    private volatile QuoteListener listener;

    /** @param historySize quotes kept per flight for followers that resume */
    public InMemoryPriceBus(int historySize) {
        this(historySize, StreamPosition::newEpoch);
    }

    /** @param newEpoch names each new stream; called once per stream */
    InMemoryPriceBus(int historySize, Supplier<String> newEpoch) {
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1: " + historySize);
        }
        this.historySize = historySize;
        this.newEpoch = newEpoch;
    }

    @Override
    public void start(QuoteListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("already started");
        }
        this.listener = listener;
    }

    @Override
    public void publish(List<PriceUpdate> updates) {
        List<Quote> delivered = new ArrayList<>(updates.size());
        for (PriceUpdate update : updates) {
            Quote[] quote = new Quote[1];
            streams.compute(update.flightId(), (flight, stream) -> {
                FlightStream current = stream != null ? stream : new FlightStream(flight, newEpoch.get(), historySize);
                quote[0] = current.append(update);
                return current;
            });
            if (subscribed.contains(update.flightId())) {
                delivered.add(quote[0]);
            }
        }
        QuoteListener current = listener;
        if (current != null && !delivered.isEmpty()) {
            current.delivered(delivered);
        }
    }

    @Override
    public void subscribe(FlightId flight) {
        subscribed.add(flight);
    }

    @Override
    public void unsubscribe(FlightId flight) {
        subscribed.remove(flight);
    }

    @Override
    public Optional<Quote> latest(FlightId flight) {
        FlightStream stream = streams.get(flight);
        return stream == null ? Optional.empty() : stream.latest();
    }

    @Override
    public Optional<List<Quote>> after(FlightId flight, StreamPosition position) {
        FlightStream stream = streams.get(flight);
        return stream == null ? Optional.empty() : stream.after(position);
    }

    @Override
    public void remove(FlightId flight) {
        streams.remove(flight);
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public void close() {
        listener = null;
        subscribed.clear();
    }
}
