package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bus of a single node: each flight's stream is its latest quote in memory, and publishing
 * delivers straight to the node's listener on the publisher's thread. Streams live as long as the
 * node does. Thread-safe: a flight's stream advances under that flight's map entry, so flights are
 * published in parallel and one flight's quotes get consecutive {@code seq}.
 */
public final class InMemoryPriceBus implements PriceBus {

    private final Map<FlightId, Quote> latest = new ConcurrentHashMap<>();
    private final Set<FlightId> subscribed = ConcurrentHashMap.newKeySet();
    private volatile QuoteListener listener;

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
            Quote quote = latest.compute(update.flightId(), (flight, previous) -> next(previous, update));
            if (subscribed.contains(quote.flightId())) {
                delivered.add(quote);
            }
        }
        QuoteListener current = listener;
        if (current != null && !delivered.isEmpty()) {
            current.delivered(delivered);
        }
    }

    /** The stream's next quote: a new stream opens at seq 0 with no change. */
    private static Quote next(Quote previous, PriceUpdate update) {
        long seq = previous == null ? 0 : previous.seq() + 1;
        BigDecimal change = update.price().subtract(previous == null ? update.price() : previous.price());
        return new Quote(update.flightId(), update.price(), update.currency(), update.ts(), seq, change);
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
        return Optional.ofNullable(latest.get(flight));
    }

    @Override
    public void remove(FlightId flight) {
        latest.remove(flight);
    }

    @Override
    public void close() {
        listener = null;
        subscribed.clear();
    }
}
