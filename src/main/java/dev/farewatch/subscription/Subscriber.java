package dev.farewatch.subscription;

import dev.farewatch.flight.FlightId;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;

/**
 * One connection's outgoing stream. At most one send is in flight, so nothing queues inside the
 * WebSocket container; while one is, replies wait in order and each flight keeps only its newest
 * unsent price, so a slow reader costs a bounded amount of memory and sees {@code seq} skip but
 * never repeat or go back. Thread-safe: the ticker, the connection's own thread and send
 * completions all call in; every field is guarded by {@code this}.
 */
public final class Subscriber {

    /** Replies waiting beyond this mean the client asks faster than it reads. */
    static final int MAX_UNSENT_REPLIES = 64;

    private final RemoteEndpoint.Async remote;
    private final Queue<String> replies = new ArrayDeque<>();
    private final Map<FlightId, String> unsentPrices = new LinkedHashMap<>();
    /** The flights this connection follows, with the newest seq accepted for each. */
    private final Map<FlightId, Long> acceptedSeq = new HashMap<>();
    private boolean sending;
    private long sendingSince;
    private boolean closed;

    public Subscriber(RemoteEndpoint.Async remote) {
        this.remote = remote;
    }

    /** From now on, prices of this flight are delivered. */
    public synchronized void follow(FlightId flight) {
        acceptedSeq.putIfAbsent(flight, -1L);
    }

    /** No price of this flight is sent after this returns, not even one already waiting. */
    public synchronized void unfollow(FlightId flight) {
        acceptedSeq.remove(flight);
        unsentPrices.remove(flight);
    }

    /**
     * Sends a reply after the replies before it.
     *
     * @return false, sending nothing, if {@value #MAX_UNSENT_REPLIES} replies are already waiting
     */
    public boolean reply(String json) {
        synchronized (this) {
            if (closed) {
                return true;
            }
            if (replies.size() >= MAX_UNSENT_REPLIES) {
                return false;
            }
            replies.add(json);
        }
        sendNext();
        return true;
    }

    /** How long the send in flight has been waiting to complete, at {@code nowNanos}; 0 if none is. */
    public synchronized long stalledNanos(long nowNanos) {
        return sending ? nowNanos - sendingSince : 0;
    }

    /**
     * Sends a price of a followed flight unless a newer one was already taken; an unsent older one of
     * the same flight is replaced.
     */
    public void price(FlightId flight, long seq, String json) {
        synchronized (this) {
            Long accepted = acceptedSeq.get(flight);
            if (closed || accepted == null || seq <= accepted) {
                return;
            }
            acceptedSeq.put(flight, seq);
            unsentPrices.put(flight, json);
        }
        sendNext();
    }

    /** Drops everything unsent; later calls send nothing. */
    public synchronized void close() {
        closed = true;
        replies.clear();
        unsentPrices.clear();
        acceptedSeq.clear();
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            if (sending || closed) {
                return;
            }
            next = takeNext();
            if (next == null) {
                return;
            }
            sending = true;
            sendingSince = System.nanoTime();
        }
        try {
            remote.sendText(next, this::sent);
        } catch (RuntimeException e) {
            // The container refuses sends on a session that is closing; its close callback follows.
            close();
        }
    }

    private String takeNext() {
        String reply = replies.poll();
        if (reply != null) {
            return reply;
        }
        Iterator<String> prices = unsentPrices.values().iterator();
        if (!prices.hasNext()) {
            return null;
        }
        String price = prices.next();
        prices.remove();
        return price;
    }

    private void sent(SendResult result) {
        synchronized (this) {
            sending = false;
        }
        if (result.isOK()) {
            sendNext();
        } else {
            close();
        }
    }
}
