package dev.farewatch.bench;

import java.net.URI;

/** A server started by other means, named by its URL and, optionally, its process id. Never stopped here. */
record RemoteServer(URI stream, Long pid) implements ServerUnderTest {

    @Override
    public String name() {
        return "url";
    }

    @Override
    public void close() {
    }
}
