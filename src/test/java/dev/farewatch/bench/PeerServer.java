package dev.farewatch.bench;

import dev.farewatch.testing.DeployedServer;
import dev.farewatch.testing.ServerLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A peer doing Farewatch's job on another stack, for the rows beside Farewatch's in one run: a minimal
 * Node.js server on {@code ws} ({@code node}), or a minimal Bun server, whose WebSocket server is
 * uWebSockets ({@code bun}). Both are in {@code src/test/peers}, installed with
 * {@code npm ci --prefix src/test/peers}; their heap is not a JVM's, so only their CPU and RSS are read.
 */
final class PeerServer extends LocalProcessServer {

    static final Path PEERS = Path.of("src", "test", "peers");
    private static final Pattern LISTENING = Pattern.compile("listening on \\d+");

    private final String name;

    private PeerServer(String name, Process process, int port) {
        super(process, port, Duration.ofSeconds(10));
        this.name = name;
    }

    static PeerServer start(BenchOptions options) throws IOException, InterruptedException {
        Path bun = PEERS.resolve("node_modules/.bin/bun");
        if (!Files.isDirectory(PEERS.resolve("node_modules/ws")) || !Files.exists(bun)) {
            throw new IllegalStateException("The peers are not installed: npm ci --prefix " + PEERS);
        }
        int port = DeployedServer.freePort();
        String flights = Integer.toString(Math.max(options.flights(), 1_680));
        List<String> command = switch (options.server()) {
            case "node" -> List.of("node", PEERS.resolve("node-ws.mjs").toString(), Integer.toString(port), flights);
            case "bun" -> List.of(bun.toString(), PEERS.resolve("bun-server.mjs").toString(), Integer.toString(port), flights);
            default -> throw new IllegalArgumentException("Not a peer: " + options.server());
        };
        Files.createDirectories(options.out());
        ServerLog log = new ServerLog(options.out().resolve(options.server() + ".log"));
        Process process = log.start(new ProcessBuilder(command));
        PeerServer peer = new PeerServer(options.server(), process, port);
        try {
            log.await(LISTENING, process, "The " + options.server() + " peer", Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isJvm() {
        return false;
    }
}
