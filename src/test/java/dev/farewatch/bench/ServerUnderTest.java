package dev.farewatch.bench;

import dev.farewatch.testing.RedisServer;

import java.net.URI;
import java.util.List;
import java.util.Optional;

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

    /** Every node's price stream: load process i connects to the i-th, round the list. */
    default List<URI> streams() {
        return List.of(stream());
    }

    /** Every node's JVM, whose CPU and heap are summed; empty when not known. */
    default List<Long> pids() {
        return pid() == null ? List.of() : List.of(pid());
    }

    /** Whether its processes are JVMs, whose live heap jcmd can read (jcmd's SIGQUIT would end any other). */
    default boolean isJvm() {
        return true;
    }

    /** The Redis the nodes share, when there is one. */
    default Optional<RedisServer> redis() {
        return Optional.empty();
    }

    @Override
    void close();
}
