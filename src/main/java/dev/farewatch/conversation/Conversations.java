package dev.farewatch.conversation;

import dev.farewatch.fanout.Fanout;
import dev.farewatch.fanout.Transport;
import dev.farewatch.flight.Flight;
import dev.farewatch.flight.FlightCatalog;
import dev.farewatch.history.PriceHistory;
import dev.farewatch.protocol.MessageCodec;
import dev.farewatch.protocol.ServerMessage;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What every conversation on this node shares: the catalog, its history, the fan-out, the codec and the node's
 * own account of itself. Thread-safe: the catalog's encoding is cached per catalog snapshot, swapped
 * in whole.
 */
public final class Conversations {

    final Fanout fanout;
    final FlightCatalog catalog;
    final PriceHistory history;
    final MessageCodec codec;
    final Supplier<ServerMessage.Info> info;
    final LongSupplier clockMillis;
    private volatile EncodedCatalog encodedCatalog;

    /**
     * @param info        this node's answer to {@code info}
     * @param clockMillis the wall clock, epoch milliseconds, for {@code pong} and {@code history}
     */
    public Conversations(Fanout fanout, FlightCatalog catalog, PriceHistory history, MessageCodec codec,
                         Supplier<ServerMessage.Info> info, LongSupplier clockMillis) {
        this.fanout = fanout;
        this.catalog = catalog;
        this.history = history;
        this.codec = codec;
        this.info = info;
        this.clockMillis = clockMillis;
    }

    /** A new client's conversation, its replies and prices sent over {@code transport}. */
    public Conversation open(Transport transport) {
        return new Conversation(this, fanout.open(transport));
    }

    /** The {@code flights} message, encoded once per version of the catalog; the API's catalog answer too. */
    public String catalogJson() {
        List<Flight> flights = catalog.flights();
        EncodedCatalog cached = encodedCatalog;
        if (cached == null || cached.flights() != flights) {
            cached = new EncodedCatalog(flights, codec.encode(new ServerMessage.Flights(flights)));
            encodedCatalog = cached;
        }
        return cached.json();
    }

    private record EncodedCatalog(List<Flight> flights, String json) {
    }
}
