package dev.farewatch.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A Farewatch node run as a user runs it, {@code dev.farewatch.embedded.EmbeddedServer} in a JVM of
 * its own, with settings passed as {@code -Dfarewatch.…} properties: what a cluster test starts
 * several of, kills and stops.
 */
public final class EmbeddedNode implements AutoCloseable {

    private static final Pattern LIVE = Pattern.compile("Farewatch is live");

    private final String name;
    private final Map<String, String> settings;
    private final ServerLog log;
    private final int port;
    private Process process;

    private EmbeddedNode(String name, Map<String, String> settings, Path workDir, int port) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.log = new ServerLog(workDir.resolve(name + ".log"));
        this.port = port;
    }

    /**
     * Starts a node named {@code name} (its {@code nodeId}) with these settings on top of a free port
     * and the web root, and waits until it is live.
     */
    public static EmbeddedNode start(String name, Map<String, String> settings, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        EmbeddedNode node = new EmbeddedNode(name, settings, workDir, DeployedServer.freePort());
        node.start();
        return node;
    }

    /** Starts it again after {@link #kill} or {@link #stop}, on the same port. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dfarewatch.port=" + port,
                "-Dfarewatch.host=127.0.0.1",
                "-Dfarewatch.nodeId=" + name,
                "-Dfarewatch.webRoot=" + Path.of("webapp").toAbsolutePath()));
        settings.forEach((key, value) -> command.add("-Dfarewatch." + key + "=" + value));
        command.add("dev.farewatch.embedded.EmbeddedServer");
        process = log.start(new ProcessBuilder(command));
        log.await(LIVE, process, name, Duration.ofSeconds(60));
    }

    public String name() {
        return name;
    }

    public URI stream() {
        return URI.create("ws://127.0.0.1:" + port + "/ws/flight-price");
    }

    /** The node's HTTP root, such as {@code http://127.0.0.1:8080/}. */
    public URI http() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public WsClient connect() {
        return WsClient.connect(stream());
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the node is gone at once, without closing anything. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** SIGTERM, as an operator stops it: it closes its sessions with 1001 and gives up what it holds. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    public List<String> logLines() {
        return log.lines();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
