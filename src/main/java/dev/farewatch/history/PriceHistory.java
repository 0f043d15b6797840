package dev.farewatch.history;

import dev.farewatch.bus.PriceBus;
import dev.farewatch.bus.Quote;
import dev.farewatch.flight.Flight;
import dev.farewatch.listing.Listings;
import dev.farewatch.listing.ListingsUnavailable;
import dev.farewatch.market.FiledFare;
import dev.farewatch.market.PastPrices;
import dev.farewatch.market.PriceSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A flight's price history, replayed rather than recorded: each past minute's last price is what the
 * market gave at that minute's last second, moved by the last fare filed before it, as the live tick
 * was. A simulated flight so has a week of history the moment a node starts, the same on every node;
 * a flight priced by filed fares alone has its history from its first fare on. The current minute is
 * the stream's latest price. Thread-safe: it keeps nothing.
 */
public final class PriceHistory {

    /** The longest window: a week of minutes. */
    public static final int MAX_MINUTES = 10_080;
    public static final int DEFAULT_MINUTES = 60;
    static final long MINUTE = 60_000;
    /** Where in its minute the minute's last price was ticked: its last second. */
    private static final long LAST_SECOND = 59_000;

    private final PriceSource market;
    private final Listings listings;
    private final PriceBus bus;

    public PriceHistory(PriceSource market, Listings listings, PriceBus bus) {
        this.market = market;
        this.listings = listings;
        this.bus = bus;
    }

    /**
     * The last {@code minutes} minutes of the flight's prices, the current one included.
     *
     * @param nowMillis the wall clock, epoch milliseconds
     * @throws ListingsUnavailable if the shared store with the filed fares does not answer
     */
    public History of(Flight flight, int minutes, long nowMillis) throws ListingsUnavailable {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes out of 1.." + MAX_MINUTES + ": " + minutes);
        }
        long current = Math.floorDiv(nowMillis, MINUTE) * MINUTE;
        long first = current - (minutes - 1) * MINUTE;
        List<FiledFare> filed = listings.filedSince(flight.flightId(), first);
        PastPrices past = market.past(flight);
        List<PricePoint> points = new ArrayList<>(minutes);
        int next = 0;
        FiledFare lastFiled = null;
        for (long minute = first; minute < current; minute += MINUTE) {
            long end = minute + MINUTE;
            while (next < filed.size() && filed.get(next).filedAtMillis() < end) {
                lastFiled = filed.get(next++);
            }
            Optional<BigDecimal> price = past.at(minute + LAST_SECOND, lastFiled);
            if (price.isPresent()) {
                points.add(new PricePoint(minute, price.get()));
            }
        }
        while (next < filed.size()) {
            lastFiled = filed.get(next++);
        }
        // A quote in another currency is from before the flight was changed to this one.
        Optional<BigDecimal> latest = bus.latest(flight.flightId())
                .filter(quote -> quote.currency().equals(flight.currency())).map(Quote::price);
        if (latest.isEmpty()) {
            latest = past.at(nowMillis, lastFiled);
        }
        latest.ifPresent(price -> points.add(new PricePoint(current, price)));
        Insight insight = points.isEmpty() ? null : Insight.of(points.stream().map(PricePoint::price).toList(),
                points.get(points.size() - 1).price(), Math.max(0, flight.currency().getDefaultFractionDigits()));
        return new History(flight.flightId(), minutes, flight.currency(), List.copyOf(points), insight);
    }
}
