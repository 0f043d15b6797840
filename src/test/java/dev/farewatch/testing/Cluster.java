package dev.farewatch.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster for each test: a real {@code redis-server} and embedded nodes on it, each a process of its
 * own started as the README's run command starts it, with the test's logs in
 * {@code target/cluster/<test>/}. Registered on an instance field; everything it started, and every
 * client it opened, is killed after the test.
 */
public final class Cluster implements BeforeEachCallback, AfterEachCallback {

    private final List<String> names;
    private final Map<String, String> settings;
    private final List<EmbeddedNode> nodes = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();
    private Path work;
    private RedisServer redis;

    private Cluster(List<String> names, Map<String, String> settings) {
        this.names = List.copyOf(names);
        this.settings = Map.copyOf(settings);
    }

    /** @param settings every node's, without the {@code farewatch.} prefix ({@code apiToken}) */
    public static Cluster of(Map<String, String> settings, String... names) {
        return new Cluster(List.of(names), settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        work = Path.of("target", "cluster", context.getRequiredTestMethod().getName());
        redis = RedisServer.start(work);
        for (String name : names) {
            join(name);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        clients.forEach(WsClient::abort);
        clients.clear();
        for (EmbeddedNode node : nodes) {
            node.kill();
        }
        nodes.clear();
        if (redis != null) {
            redis.kill();
        }
    }

    /** Starts one more node, with the others' settings, and waits until it is live. */
    public EmbeddedNode join(String name) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put("redisUrl", redis.url());
        EmbeddedNode node = EmbeddedNode.start(name, all, work);
        nodes.add(node);
        return node;
    }

    /** The nodes in the order they were started, the killed ones too. */
    public List<EmbeddedNode> nodes() {
        return nodes;
    }

    public EmbeddedNode node(int index) {
        return nodes.get(index);
    }

    public RedisServer redis() {
        return redis;
    }

    /** A client of the node, aborted after the test. */
    public WsClient client(EmbeddedNode node) {
        WsClient client = node.connect();
        clients.add(client);
        return client;
    }
}
