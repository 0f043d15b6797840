package dev.farewatch.bench;

import dev.farewatch.testing.RedisServer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several embedded nodes, each in a JVM of its own, sharing one {@code redis-server}: the cluster row
 * of BENCHMARKS.md. Load processes are dealt round the nodes; CPU and heap are summed over them.
 */
final class ClusterProcesses implements ServerUnderTest {

    private final RedisServer redis;
    private final List<EmbeddedServerProcess> nodes;

    private ClusterProcesses(RedisServer redis, List<EmbeddedServerProcess> nodes) {
        this.redis = redis;
        this.nodes = nodes;
    }

    static ClusterProcesses start(BenchOptions options) throws Exception {
        RedisServer redis = RedisServer.start(options.out().toAbsolutePath().resolve("redis"));
        List<EmbeddedServerProcess> nodes = new ArrayList<>();
        ClusterProcesses cluster = new ClusterProcesses(redis, nodes);
        try {
            for (int i = 0; i < options.nodes(); i++) {
                String name = "node-" + (char) ('a' + i);
                nodes.add(EmbeddedServerProcess.start(options, options.out().resolve(name),
                        Map.of("redisUrl", redis.url(), "nodeId", name)));
            }
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    @Override
    public String name() {
        return "cluster of " + nodes.size();
    }

    @Override
    public URI stream() {
        return nodes.get(0).stream();
    }

    @Override
    public Long pid() {
        return nodes.get(0).pid();
    }

    @Override
    public List<URI> streams() {
        return nodes.stream().map(EmbeddedServerProcess::stream).toList();
    }

    @Override
    public List<Long> pids() {
        return nodes.stream().map(EmbeddedServerProcess::pid).toList();
    }

    @Override
    public Optional<RedisServer> redis() {
        return Optional.of(redis);
    }

    @Override
    public void close() {
        nodes.forEach(EmbeddedServerProcess::close);
        try {
            redis.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
