package dev.farewatch.bench;

import dev.farewatch.flight.Timetable;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run measures, from {@code --name=value} arguments. An empty value counts as not
 * given, so Maven can pass every option from a property whose default is empty.
 *
 * @param server      which server: {@code embedded}, {@code payara}, {@code wildfly}, a peer on another stack
 *                    ({@code node}: Node.js and ws; {@code bun}: Bun, on uWebSockets), or {@code url} for one
 *                    started by other means
 * @param url         the price stream's address when {@code server} is {@code url}
 * @param serverPid   that server's process id, for its CPU time and heap; without it they are reported null
 * @param sessions    WebSocket sessions to open, each following one flight
 * @param flights     how many of the catalog's first flights the sessions are spread over
 * @param seconds     the measurement window
 * @param warmup      seconds between every session being subscribed and the window opening
 * @param perProcess  most sessions one load process opens (one process may hold at most 20,000 files)
 * @param war         the WAR the containers deploy
 * @param payaraJar   Payara Micro's jar
 * @param wildflyHome WildFly's unpacked distribution
 * @param out         where the server's log, the load processes' flight list and results.jsonl go
 * @param nodes       embedded nodes sharing one redis-server, the sessions dealt round them; 1 is a single
 *                    node on its in-memory bus
 * @param ramp        sessions started per second in all, paced evenly over the load processes; 0 starts
 *                    them as fast as 64 handshakes at a time per process allow
 * @param serverJvm   JVM options for a server the benchmark launches, on top of {@code .mvn/jvm.config}
 *                    (a flight recording, another collector); empty for none
 */
public record BenchOptions(String server, URI url, Long serverPid, int sessions, int flights, int seconds, int warmup,
                           int perProcess, Path war, Path payaraJar, Path wildflyHome, Path out, int nodes,
                           int ramp, String serverJvm) {

    static final Set<String> SERVERS = Set.of("embedded", "payara", "wildfly", "node", "bun", "url");
    /** The largest catalog a server the benchmark launches can be given: every route on every day on sale. */
    static final int MAX_FLIGHTS = Timetable.routeCount() * Timetable.DAYS_AHEAD;

    public BenchOptions {
        if (!server.contains(",") && !SERVERS.contains(server)) {
            throw new IllegalArgumentException("--server must be one of " + SERVERS + ", not " + server);
        }
        if (server.equals("url") && url == null) {
            throw new IllegalArgumentException("--server=url needs --url=ws://host:port/ws/flight-price");
        }
        if (sessions < 1 || flights < 1 || seconds < 1 || warmup < 0 || perProcess < 1 || ramp < 0) {
            throw new IllegalArgumentException("--sessions, --flights, --seconds and --per-process must be positive, --warmup and --ramp not negative");
        }
        if (!server.equals("url") && flights > MAX_FLIGHTS) {
            throw new IllegalArgumentException("--flights must be at most " + MAX_FLIGHTS + ": " + Timetable.routeCount()
                    + " routes on at most " + Timetable.DAYS_AHEAD + " dates");
        }
        if (nodes < 1 || nodes > 26 || (nodes > 1 && !server.equals("embedded") && !server.contains(","))) {
            throw new IllegalArgumentException("--nodes must be 1 to 26, and above 1 only with --server=embedded: " + nodes);
        }
        if (perProcess > 19_000) {
            throw new IllegalArgumentException("--per-process must be at most 19000: one process may hold at most 20,000 open files");
        }
    }

    /**
     * One run's options per server named: {@code --server=embedded,node,bun} measures the three one
     * after another, with the same load, for rows that compare within one run; {@code --nodes} applies
     * to the embedded server alone.
     */
    public static List<BenchOptions> parseEach(String... args) {
        BenchOptions first = parse(args);
        List<BenchOptions> runs = new ArrayList<>();
        for (String server : first.server().split(",")) {
            String name = server.strip();
            // --nodes is the embedded cluster's: in a list, the other servers run as one node each.
            String[] one = Arrays.stream(args)
                    .map(arg -> arg.startsWith("--server=") ? "--server=" + name
                            : arg.startsWith("--nodes=") && !name.equals("embedded") ? "--nodes=1" : arg)
                    .toArray(String[]::new);
            runs.add(parse(one));
        }
        return runs;
    }

    /** Parses {@code --name=value} arguments; unknown names are an error, so a typo does not go unnoticed. */
    public static BenchOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Options are --name=value, not " + arg);
            }
            String name = arg.substring(2, eq);
            if (!Set.of("server", "url", "server-pid", "sessions", "flights", "seconds", "warmup", "per-process",
                    "war", "payara-jar", "wildfly-home", "out", "nodes", "ramp", "server-jvm").contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
            String value = arg.substring(eq + 1).trim();
            if (!value.isEmpty()) {
                given.put(name, value);
            }
        }
        String url = given.get("url");
        String pid = given.get("server-pid");
        Path containers = Path.of("target", "containers");
        return new BenchOptions(
                given.getOrDefault("server", "embedded").toLowerCase(Locale.ROOT),
                url == null ? null : URI.create(url),
                pid == null ? null : Long.valueOf(number("server-pid", pid)),
                number("sessions", given.getOrDefault("sessions", "1000")),
                number("flights", given.getOrDefault("flights", "50")),
                number("seconds", given.getOrDefault("seconds", "60")),
                number("warmup", given.getOrDefault("warmup", "20")),
                number("per-process", given.getOrDefault("per-process", "4000")),
                Path.of(given.getOrDefault("war", "target/farewatch.war")),
                Path.of(given.getOrDefault("payara-jar", containers.resolve("payara-micro.jar").toString())),
                Path.of(given.getOrDefault("wildfly-home", containers.resolve("wildfly-38.0.1.Final").toString())),
                Path.of(given.getOrDefault("out", "target/bench")),
                number("nodes", given.getOrDefault("nodes", "1")),
                number("ramp", given.getOrDefault("ramp", "0")),
                given.getOrDefault("server-jvm", ""));
    }

    /** How many load processes share the sessions. */
    public int clientProcesses() {
        return (sessions + perProcess - 1) / perProcess;
    }

    /** Dates per route a launched server needs for {@code flights} flights, at least the default. */
    public int datesPerRoute() {
        int routes = Timetable.routeCount();
        return Math.max(Timetable.DEFAULT_DATES_PER_ROUTE, (flights + routes - 1) / routes);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }
}
