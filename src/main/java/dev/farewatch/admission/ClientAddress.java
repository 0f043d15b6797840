package dev.farewatch.admission;

import dev.farewatch.config.AddressRanges;

import java.util.ArrayList;
import java.util.List;

/**
 * Whom a connection is from, for the per-address cap and the log: the peer, or, when the peer is a
 * trusted proxy, the address its {@code X-Forwarded-For} says the request came from. The header is
 * read from its right end, where each proxy appended the address it was reached from, skipping
 * trusted proxies; the first address that is not one is the client. What lies to its left was
 * written by the client and could be anything, so it is never believed. Stateless.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param peer         the address the server was reached from
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order; empty if none
     * @param trusted      the proxies whose header is believed
     */
    public static String of(String peer, List<String> forwardedFor, AddressRanges trusted) {
        if (trusted.isEmpty() || !trusted.test(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        });
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!AddressRanges.ANY.test(hop)) {
                // Not an address at all (a name, "unknown", garbage): the chain cannot be followed past it.
                return client;
            }
            client = hop;
            if (!trusted.test(hop)) {
                return hop;
            }
        }
        return client;
    }
}
