package dev.farewatch.bus;

import dev.farewatch.flight.FlightId;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * One flight's stream in memory: its epoch, its newest quote and the last {@code kept} before it.
 * A kept quote is only its price and {@code ts}, in rings sized once: about 50 bytes each, and no
 * allocation per tick beyond the quote itself.
 * Thread-safe: every method holds the stream's lock.
 */
final class FlightStream {

    private final FlightId flight;
    private final String epoch;
    private final int kept;
    /** One more price than quotes kept, so that the oldest kept quote still has its change. */
    private final BigDecimal[] prices;
    private final long[] timestamps;
    private Currency currency;
    /** The seq of the newest quote; -1 before the first. */
    private long latestSeq = -1;
    private Quote latest;

    FlightStream(FlightId flight, String epoch, int kept) {
        if (kept < 1) {
            throw new IllegalArgumentException("A stream keeps at least one quote: " + kept);
        }
        this.flight = flight;
        this.epoch = epoch;
        this.kept = kept;
        this.prices = new BigDecimal[kept + 1];
        this.timestamps = new long[kept + 1];
    }

    /** Places the update at the stream's next seq. */
    synchronized Quote append(PriceUpdate update) {
        long seq = latestSeq + 1;
        BigDecimal change = latest == null ? update.price().subtract(update.price()) : update.price().subtract(latest.price());
        int slot = slot(seq);
        prices[slot] = update.price();
        timestamps[slot] = update.ts();
        currency = update.currency();
        latestSeq = seq;
        latest = new Quote(flight, update.price(), update.currency(), update.ts(), epoch, seq, change);
        return latest;
    }

    synchronized Optional<Quote> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * The quotes after {@code position}, oldest first, if this stream can go on from there: the same
     * epoch, a seq it has reached, and no quote after it already forgotten.
     */
    synchronized Optional<List<Quote>> after(StreamPosition position) {
        long oldestKept = Math.max(0, latestSeq - kept + 1);
        if (!position.epoch().equals(epoch) || position.seq() > latestSeq || position.seq() + 1 < oldestKept) {
            return Optional.empty();
        }
        List<Quote> missed = new ArrayList<>((int) (latestSeq - position.seq()));
        for (long seq = position.seq() + 1; seq <= latestSeq; seq++) {
            BigDecimal price = prices[slot(seq)];
            BigDecimal change = seq == 0 ? price.subtract(price) : price.subtract(prices[slot(seq - 1)]);
            missed.add(new Quote(flight, price, currency, timestamps[slot(seq)], epoch, seq, change));
        }
        return Optional.of(missed);
    }

    private int slot(long seq) {
        return (int) (seq % prices.length);
    }
}
