package dev.farewatch.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded server in a JVM of its own, never in the benchmark's: its CPU time and heap must be
 * its own, read from outside like any server's. Its collector and heap are set ({@link Jvm#serverOptions}):
 * on two CPUs the JVM would otherwise pick the Serial collector and a heap that grows during the run.
 */
final class EmbeddedServerProcess implements ServerUnderTest {

    private static final String LIVE = "Farewatch is live";
    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final int port;

    private EmbeddedServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with the caps and catalog size the run needs and waits for its "live" line. */
    static EmbeddedServerProcess start(BenchOptions options) throws IOException, InterruptedException {
        int port = freePort();
        Path log = options.out().resolve("server.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(Jvm.java()));
        command.addAll(Jvm.serverOptions(options.out()));
        command.addAll(List.of("-cp", Jvm.classpath(),
                "-Dfarewatch.port=" + port,
                "-Dfarewatch.maxConnectionsPerAddress=20000",
                "-Dfarewatch.datesPerRoute=" + options.datesPerRoute(),
                "dev.farewatch.embedded.EmbeddedServer"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        EmbeddedServerProcess server = new EmbeddedServerProcess(process, port);
        try {
            server.awaitLive(log);
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitLive(Path log) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            List<String> lines = Files.readAllLines(log);
            if (lines.stream().anyMatch(line -> line.contains(LIVE))) {
                return;
            }
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The embedded server " + (process.isAlive() ? "did not come up within "
                        + START_TIMEOUT_MS / 1000 + " s" : "exited with " + process.exitValue()) + "; " + log + " ends:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public URI stream() {
        return URI.create("ws://127.0.0.1:" + port + "/ws/flight-price");
    }

    @Override
    public Long pid() {
        return process.pid();
    }

    /** SIGTERM, as an operator stops it (its hook closes every connection with 1001), then force. */
    @Override
    public void close() {
        process.destroy();
        Jvm.awaitExit(process, Duration.ofSeconds(30));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
