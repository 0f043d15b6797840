package dev.farewatch.bench;

import java.net.URI;
import java.time.Duration;

/**
 * A server the benchmark started as a process of its own on this machine, serving the price stream
 * on a loopback port: stopped as an operator stops it (SIGTERM), then forcibly after {@code grace}.
 */
abstract class LocalProcessServer implements ServerUnderTest {

    private final Process process;
    private final int port;
    private final Duration grace;

    LocalProcessServer(Process process, int port, Duration grace) {
        this.process = process;
        this.port = port;
        this.grace = grace;
    }

    @Override
    public URI stream() {
        return URI.create("ws://127.0.0.1:" + port + "/ws/flight-price");
    }

    @Override
    public Long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        Jvm.awaitExit(process, grace);
    }
}
