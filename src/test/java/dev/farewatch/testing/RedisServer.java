package dev.farewatch.testing;

import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, in a process of its own,
 * keeping nothing on disk: killed and started again, it comes back empty, as a Redis that lost its
 * data would. Its console goes to a log file.
 */
public final class RedisServer implements AutoCloseable {

    private static final String EXECUTABLE = "/usr/bin/redis-server";
    private static final Pattern READY = Pattern.compile("Ready to accept connections");

    private final Path executable;
    private final Path workDir;
    private final int port;
    private final ServerLog log;
    private Process process;

    private RedisServer(Path executable, Path workDir, int port) {
        this.executable = executable;
        this.workDir = workDir;
        this.port = port;
        this.log = new ServerLog(workDir.resolve("redis.log"));
    }

    /** Starts one, or skips the test saying what to install (fails instead under farewatch.requireAll). */
    public static RedisServer start(Path workDir) throws IOException, InterruptedException {
        Path executable = Prerequisites.requireExecutable(EXECUTABLE, "apt-get install -y redis-server");
        Files.createDirectories(workDir);
        RedisServer redis = new RedisServer(executable, workDir, DeployedServer.freePort());
        redis.start();
        return redis;
    }

    /** Starts it again after {@link #kill}, on the same port and empty. */
    public void start() throws IOException, InterruptedException {
        process = log.start(new ProcessBuilder(List.of(executable.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDir.toAbsolutePath().toString()))
                .directory(workDir.toFile()));
        log.await(READY, process, "redis-server", Duration.ofSeconds(20));
    }

    /** The URL Farewatch is given: {@code FAREWATCH_REDIS_URL}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Commands Redis has processed since it started, from {@code INFO stats}. */
    public long commandsProcessed() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            String stats = jedis.info("stats");
            for (String line : stats.split("\r?\n")) {
                if (line.startsWith("total_commands_processed:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            throw new IllegalStateException("INFO stats has no total_commands_processed: " + stats);
        }
    }

    /** SIGKILL: Redis is gone at once, with everything it held. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
