package dev.farewatch.bench;

import dev.farewatch.testing.DeployedServer;
import dev.farewatch.testing.ServerLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The embedded server in a JVM of its own, never in the benchmark's: its CPU time and heap must be
 * its own, read from outside like any server's. Its collector and heap are set ({@link Jvm#serverOptions}):
 * on two CPUs the JVM would otherwise pick the Serial collector and a heap that grows during the run.
 */
final class EmbeddedServerProcess extends LocalProcessServer {

    private static final Pattern LIVE = Pattern.compile("Farewatch is live");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** SIGTERM first, as an operator stops it: its hook closes every connection with 1001. */
    private EmbeddedServerProcess(Process process, int port) {
        super(process, port, Duration.ofSeconds(30));
    }

    /** Starts it with the caps and catalog size the run needs and waits for its "live" line. */
    static EmbeddedServerProcess start(BenchOptions options) throws IOException, InterruptedException {
        return start(options, options.out(), Map.of());
    }

    /**
     * One node of several: its log and GC log in {@code out}, and these {@code farewatch.…} settings on
     * top (the cluster's Redis, its node id).
     */
    static EmbeddedServerProcess start(BenchOptions options, Path out, Map<String, String> settings)
            throws IOException, InterruptedException {
        int port = DeployedServer.freePort();
        Files.createDirectories(out);
        ServerLog log = new ServerLog(out.resolve("server.log"));
        List<String> command = new ArrayList<>(List.of(Jvm.java()));
        command.addAll(Jvm.serverOptions(out, options.serverJvm()));
        command.addAll(List.of("-cp", Jvm.classpath(),
                "-Dfarewatch.port=" + port,
                "-Dfarewatch.maxConnectionsPerAddress=20000",
                "-Dfarewatch.datesPerRoute=" + options.datesPerRoute()));
        settings.forEach((name, value) -> command.add("-Dfarewatch." + name + "=" + value));
        command.add("dev.farewatch.embedded.EmbeddedServer");
        Process process = log.start(new ProcessBuilder(command));
        EmbeddedServerProcess server = new EmbeddedServerProcess(process, port);
        try {
            log.await(LIVE, process, "The embedded server", START_TIMEOUT);
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public String name() {
        return "embedded";
    }
}
