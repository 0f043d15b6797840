package dev.farewatch.bench;

import java.net.URI;

/**
 * The server a benchmark run loads: where its price stream is and which process to measure. Closing
 * it stops a server the benchmark launched and leaves alone one it was only pointed at.
 */
interface ServerUnderTest extends AutoCloseable {

    /** The name the result line carries: embedded, payara, wildfly or url. */
    String name();

    /** The price stream, {@code ws://host:port/ws/flight-price}. */
    URI stream();

    /** The server JVM's process id, or null when it is not known (a server given by URL alone). */
    Long pid();

    @Override
    void close();
}
