package dev.farewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK and classpath this JVM runs on, which the benchmark's child JVMs reuse. */
final class Jvm {

    /**
     * The server's collector and heap, embedded or in a container, chosen by measurement (BENCHMARKS.md):
     * the Parallel collector spends about a third less CPU per update than G1 (no concurrent refinement,
     * cheaper write barriers) at the same latency; a 1.5 GiB young generation makes its pauses rare, and
     * touching the heap at start keeps first-touch page faults out of the first pause. Its GC log goes
     * to {@code out}, to tell a server pause from a client one.
     */
    static List<String> serverOptions(Path out) {
        return List.of("-XX:+UseParallelGC", "-Xms3g", "-Xmx3g", "-Xmn1536m", "-XX:+AlwaysPreTouch",
                "-Xlog:gc:file=" + out.toAbsolutePath().resolve("server-gc.log"));
    }

    private Jvm() {
    }

    static String java() {
        return tool("java");
    }

    /** Waits up to {@code grace} for a child JVM that was asked to end, then kills it. */
    static void awaitExit(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A JDK tool beside this JVM's java, such as jcmd. */
    static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** This JVM's classpath: Maven's test classpath, which holds the server, Netty and HdrHistogram. */
    static String classpath() {
        return System.getProperty("java.class.path");
    }
}
