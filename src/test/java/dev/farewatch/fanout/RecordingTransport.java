package dev.farewatch.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * A client at the far end of an outbox that reads only when told: each send waits until the test
 * completes it, so a test sees exactly what one message in flight at a time means.
 */
final class RecordingTransport implements Transport {

    private final List<String> sent = new ArrayList<>();
    private Done inFlight;

    @Override
    public synchronized void send(OutgoingText message, Done done) {
        if (inFlight != null) {
            throw new AssertionError("a second send while one is in flight: " + message);
        }
        sent.add(message.text());
        inFlight = done;
    }

    /** Completes the send in flight, as the container does once the frame is written. */
    void complete(boolean ok) {
        Done done;
        synchronized (this) {
            done = inFlight;
            inFlight = null;
        }
        if (done == null) {
            throw new AssertionError("nothing in flight");
        }
        done.sent(ok);
    }

    /** Completes sends until none is left in flight. */
    void readAll() {
        while (inFlight()) {
            complete(true);
        }
    }

    synchronized boolean inFlight() {
        return inFlight != null;
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }
}
