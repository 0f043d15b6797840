package dev.farewatch.bus;

import java.util.List;

/** Takes the quotes of the flights a node subscribed to on its bus: the node's fan-out. */
@FunctionalInterface
public interface QuoteListener {

    /**
     * @param quotes new quotes of subscribed flights, at most one per flight, each flight's in
     *               {@code seq} order across calls; called from the bus's delivering thread, so it must not block
     */
    void delivered(List<Quote> quotes);
}
