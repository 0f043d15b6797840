package dev.farewatch.bench;

import dev.farewatch.testing.RedisServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark of issue #5: N WebSocket sessions over F flights against one Farewatch node for S
 * seconds, ending in one JSON line on stdout (also appended to {@code results.jsonl}); everything else
 * goes to stderr. It launches the server (or is pointed at one by URL), measures its live heap before
 * any session, with all subscribed and after the window, starts ceil(N/M) {@link LoadClient} processes
 * on their own source addresses, names a common window once all are subscribed and warmed up, reads
 * the server's CPU time at both ends of the window and merges what the clients report. Exit status 0
 * when every session connected, at least 99 % of the expected prices arrived and no error came; 1
 * otherwise; 2 when the run could not be made at all.
 *
 * <pre>mvn -q test-compile exec:exec@bench -Dbench.sessions=500 -Dbench.seconds=20</pre>
 */
public final class Benchmark {

    private static final PrintStream LOG = System.err;
    private static final long READY_TIMEOUT_MS = 10 * 60_000;

    private final BenchOptions options;
    private final List<LoadProcess> clients = new ArrayList<>();
    private ServerUnderTest server;
    private boolean stopped;

    private Benchmark(BenchOptions options) {
        this.options = options;
    }

    /** The run under way, stopped by the shutdown hook if the benchmark is interrupted. */
    private static volatile Benchmark current;

    public static void main(String[] args) {
        List<BenchOptions> runs;
        try {
            runs = BenchOptions.parseEach(args);
        } catch (IllegalArgumentException e) {
            LOG.println("bench: " + e.getMessage());
            LOG.println("options: --server=embedded|payara|wildfly|node|bun|url[,…] --url=ws://… --server-pid=N --sessions=N"
                    + " --flights=F --seconds=S --warmup=W --per-process=M --war=… --payara-jar=… --wildfly-home=…"
                    + " --out=target/bench");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Benchmark running = current;
            if (running != null) {
                running.stopAll();
            }
        }, "bench-stop"));
        int status = 0;
        for (BenchOptions options : runs) {
            status = Math.max(status, runOne(options));
        }
        System.exit(status);
    }

    /** One server's run: its line on stdout and in results.jsonl; 0, 1 or 2 as the class says. */
    private static int runOne(BenchOptions options) {
        Benchmark benchmark = new Benchmark(options);
        current = benchmark;
        int status;
        try {
            BenchResult result = benchmark.run();
            String line = result.toJson().toString();
            System.out.println(line);
            System.out.flush();
            Files.writeString(options.out().resolve("results.jsonl"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            status = result.passed() ? 0 : 1;
        } catch (Exception | AssertionError e) {
            LOG.println("bench: the run could not be made: " + e);
            if (e.getCause() != null) {
                LOG.println("bench: caused by " + e.getCause());
            }
            status = 2;
        } finally {
            benchmark.stopAll();
            current = null;
        }
        return status;
    }

    private BenchResult run() throws Exception {
        Files.createDirectories(options.out());
        log("starting the " + options.server() + " server: " + options.sessions() + " sessions over " + options.flights()
                + " flights, " + options.warmup() + " s warm-up, " + options.seconds() + " s window");
        server = launch();
        log("server at " + server.streams() + (server.pids().isEmpty() ? " (process unknown: no CPU or heap figures)" : ", pid " + server.pids()));
        List<String> flights = Catalog.firstFlights(server.stream(), options.flights());
        Path flightsFile = options.out().resolve("flights.txt");
        Files.write(flightsFile, flights);

        List<ServerProbe> probes = server.pids().stream().map(ServerProbe::new).toList();
        Long heapBaseline = heap(probes, "baseline");

        int processes = options.clientProcesses();
        for (int i = 0; i < processes; i++) {
            int first = i * options.perProcess();
            int count = Math.min(options.perProcess(), options.sessions() - first);
            URI stream = server.streams().get(i % server.streams().size());
            clients.add(LoadProcess.start(i, stream, first, count, flightsFile.toAbsolutePath(), options.out(),
                    (double) options.ramp() / processes));
        }
        long connected = 0;
        long failed = 0;
        for (LoadProcess client : clients) {
            LoadProcess.Readiness ready = client.awaitReady(READY_TIMEOUT_MS);
            connected += ready.connected();
            failed += ready.failed();
        }
        log(connected + " sessions subscribed, " + failed + " failed, in " + processes + " load processes");
        Long heapSubscribed = heap(probes, "all subscribed");

        long t0 = (System.currentTimeMillis() + options.warmup() * 1000L + 999) / 1000 * 1000;
        long end = t0 + options.seconds() * 1000L;
        for (LoadProcess client : clients) {
            client.openWindow(t0, options.seconds());
        }
        log("window opens at " + Instant.ofEpochMilli(t0) + " and closes " + options.seconds() + " s later");
        LoadClient.sleepUntil(t0);
        Long cpuAtStart = cpuMicros(probes);
        long clientCpuAtStart = clientCpuMicros();
        Optional<RedisServer> redis = server.redis();
        Long redisCpuAtStart = redis.isPresent() ? ProcessCpu.micros(redis.get().pid()) : null;
        Long redisCommandsAtStart = redis.map(RedisServer::commandsProcessed).orElse(null);
        LoadClient.sleepUntil(end);
        Long cpuAtEnd = cpuMicros(probes);
        long clientCpu = clientCpuMicros() - clientCpuAtStart;
        Long redisCpu = redis.isPresent() ? ProcessCpu.micros(redis.get().pid()) - redisCpuAtStart : null;
        Long redisCommands = redis.isPresent() ? redis.get().commandsProcessed() - redisCommandsAtStart : null;
        Long heapAfter = heap(probes, "after the window");
        Long rss = rssBytes(server.pids());

        ClientReport merged = ClientReport.empty();
        for (LoadProcess client : clients) {
            long wait = end + LoadClient.GRACE_SECONDS * 1000L - System.currentTimeMillis() + 60_000;
            merged = merged.plus(client.awaitReport(Math.max(wait, 60_000)));
        }
        return new BenchResult(server.name(), options, Instant.ofEpochMilli(t0), merged, processes,
                cpuAtStart == null ? null : cpuAtEnd - cpuAtStart, clientCpu, heapBaseline, heapSubscribed, heapAfter,
                redisCpu, redisCommands, rss);
    }

    /** Every node's resident memory now, summed; null when no node's process is known. */
    private static Long rssBytes(List<Long> pids) throws IOException {
        if (pids.isEmpty()) {
            return null;
        }
        long bytes = 0;
        for (long pid : pids) {
            bytes += ProcessCpu.rssBytes(pid);
        }
        return bytes;
    }

    /** Every node's CPU time so far, summed; null when no node's process is known. */
    private static Long cpuMicros(List<ServerProbe> probes) throws IOException {
        if (probes.isEmpty()) {
            return null;
        }
        long micros = 0;
        for (ServerProbe probe : probes) {
            micros += probe.cpuMicros();
        }
        return micros;
    }

    /** CPU time of all load processes together: on a shared machine it is CPU the server did not get. */
    private long clientCpuMicros() throws IOException {
        long micros = 0;
        for (LoadProcess client : clients) {
            micros += ProcessCpu.micros(client.pid());
        }
        return micros;
    }

    private ServerUnderTest launch() throws Exception {
        return switch (options.server()) {
            case "embedded" -> options.nodes() > 1 ? ClusterProcesses.start(options) : EmbeddedServerProcess.start(options);
            case "payara", "wildfly" -> ContainerServer.start(options);
            case "node", "bun" -> PeerServer.start(options);
            default -> new RemoteServer(options.url(), options.serverPid());
        };
    }

    /** Every node's live heap now, summed, or null (with a warning) when jcmd cannot attach to one. */
    private Long heap(List<ServerProbe> probes, String when) throws InterruptedException {
        if (probes.isEmpty() || !server.isJvm()) {
            return null;
        }
        try {
            long bytes = 0;
            for (int i = 0; i < probes.size(); i++) {
                String name = "heap-" + when.replace(' ', '-') + (probes.size() > 1 ? "-node" + i : "") + ".txt";
                bytes += probes.get(i).liveHeapBytes(options.out().resolve(name));
            }
            log("server live heap " + when + ": " + bytes / 1024 + " KiB");
            return bytes;
        } catch (IOException e) {
            log("no heap figure " + when + ": " + e.getMessage());
            return null;
        }
    }

    /** Stops the load processes, then the server if this run launched it; once, on any exit path. */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        clients.forEach(LoadProcess::close);
        if (server != null && !(server instanceof RemoteServer)) {
            log("stopping the server");
            server.close();
        }
    }

    private static void log(String message) {
        LOG.println("[bench " + LocalTime.now().withNano(0) + "] " + message);
    }
}
