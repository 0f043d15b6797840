package dev.farewatch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real application server, in a process of its own, running the WAR exactly as built and deployed
 * the way the docker/ images deploy it. Its console goes to a log file the tests read.
 */
public abstract class DeployedServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
    /** How both servers mark a failure: Payara's {@code [SEVERE]}, WildFly's {@code ERROR [category]}. */
    private static final Pattern FAILURE = Pattern.compile("\\[SEVERE]|\\bSEVERE:|\\bERROR \\[|\\[ERROR]");

    protected final Path war;
    protected final ServerLog log;
    protected final int port;
    /** Extra environment of the server process: Farewatch's settings, FAREWATCH_… variables. */
    protected final Map<String, String> environment;
    /** Extra options of the server's JVM (collector, heap), passed the way each server takes them. */
    protected final List<String> jvmOptions;
    private Process process;

    protected DeployedServer(Path war, Path workDir) throws IOException {
        this(war, workDir, Map.of(), List.of());
    }

    /**
     * A server whose process gets these environment variables and JVM options on top of its own: the
     * benchmark raises Farewatch's caps this way and fixes the collector and heap it measures.
     */
    protected DeployedServer(Path war, Path workDir, Map<String, String> environment, List<String> jvmOptions) throws IOException {
        this.war = war;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        Files.createDirectories(workDir);
        this.log = new ServerLog(workDir.resolve("server.log"));
        this.port = freePort();
    }

    /** The command that boots the server, from a fresh state, with the WAR deployed. */
    protected abstract ProcessBuilder command() throws IOException;

    /** The log line that says the server has booted and deployed the WAR. */
    protected abstract Pattern ready();

    public abstract String name();

    /** Takes the WAR out of the running server, or stops the server where that is the only way. */
    public abstract void undeploy() throws Exception;

    /** Brings the WAR back after {@link #undeploy}. */
    public abstract void redeploy() throws Exception;

    /** Boots the server and waits until the WAR serves its page. */
    public void start() throws Exception {
        process = log.start(command());
        log.await(ready(), process, name(), BOOT_TIMEOUT);
        awaitServing(true);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process of the server's JVM: the launched process or, behind a launch script, its java child. */
    public ProcessHandle jvm() {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst()
                .orElse(process.toHandle());
    }

    /** Stops the server as an operator would (SIGTERM), and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        jvm().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public List<String> logLines() {
        return log.lines();
    }

    /** The SEVERE and ERROR lines the server logged from line {@code from} on. */
    public List<String> failuresSince(int from) {
        List<String> lines = logLines();
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                .filter(line -> FAILURE.matcher(line).find()).toList();
    }

    /** Waits until the page is served (or, with {@code false}, no longer served) by this deployment. */
    protected void awaitServing(boolean serving) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (serving && !isRunning()) {
                throw new AssertionError(name() + " exited while starting; its log ends:\n" + log.tail());
            }
            if (pageServed() == serving) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name() + " did not " + (serving ? "serve" : "stop serving") + " the page within "
                + BOOT_TIMEOUT + "; its log ends:\n" + log.tail());
    }

    private boolean pageServed() throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(base().resolve("app.js"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on now, for a server about to start. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    protected static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    protected static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    protected static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(value -> !value.isBlank());
    }
}
