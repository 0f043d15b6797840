package dev.farewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK and classpath this JVM runs on, which the benchmark's child JVMs reuse. */
final class Jvm {

    /** The tuned runtime the README's run command gets: Maven reads it for the JVM it runs the server in. */
    static final Path TUNED = Path.of(".mvn", "jvm.config");

    /**
     * The server's collector and heap, embedded or in a container: those of {@link #TUNED}, so the
     * benchmark measures the server as {@code mvn compile exec:java} runs it (chosen by measurement,
     * BENCHMARKS.md), plus {@code extra} (whitespace-separated; {@code -Dbench.serverJvm}). Its GC log
     * goes to {@code out}, to tell a server pause from a client one.
     */
    static List<String> serverOptions(Path out, String extra) {
        List<String> options = new ArrayList<>();
        try {
            options.addAll(Arrays.asList(Files.readString(TUNED, StandardCharsets.UTF_8).trim().split("\\s+")));
        } catch (IOException e) {
            throw new UncheckedIOException("The benchmark runs from the project's root, where " + TUNED + " is", e);
        }
        if (extra != null && !extra.isBlank()) {
            options.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        options.add("-Xlog:gc:file=" + out.toAbsolutePath().resolve("server-gc.log"));
        return options;
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
