package dev.farewatch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * WildFly 38 running the WAR from its deployment scanner's folder, as docker/wildfly's image does;
 * undeploy and redeploy go through the scanner's marker files.
 */
public final class WildFlyServer extends DeployedServer {

    private static final String WAR_NAME = "farewatch.war";

    private final Path distribution;
    private final Path home;

    public WildFlyServer(Path distribution, Path war, Path workDir) throws IOException {
        this(distribution, war, workDir, Map.of(), List.of());
    }

    /**
     * With extra environment variables and JVM options. The options go in {@code JBOSS_JAVA_SIZING},
     * which standalone.conf puts at the head of its default {@code JAVA_OPTS}: setting {@code JAVA_OPTS}
     * itself would drop WildFly's other defaults (IPv4 stack, JBoss Modules' system packages, headless).
     */
    public WildFlyServer(Path distribution, Path war, Path workDir, Map<String, String> environment, List<String> jvmOptions)
            throws IOException {
        super(war, workDir, environment, jvmOptions);
        this.distribution = distribution;
        this.home = workDir.resolve("standalone");
    }

    @Override
    public String name() {
        return "WildFly";
    }

    @Override
    protected ProcessBuilder command() throws IOException {
        copyFresh(distribution.resolve("standalone"), home);
        Files.copy(war, deployments().resolve(WAR_NAME));
        // An offset moves every socket, the transaction manager's fixed ones too, clear of another WildFly.
        int offset = freeOffset();
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + home,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.http.port=" + (port - offset));
        builder.environment().put("JAVA_HOME", javaHome().toString());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().putAll(environment);
        if (!jvmOptions.isEmpty()) {
            builder.environment().put("JBOSS_JAVA_SIZING", String.join(" ", jvmOptions));
        }
        return builder;
    }

    @Override
    protected Pattern ready() {
        return Pattern.compile("WFLYSRV0025");
    }

    @Override
    public void undeploy() throws Exception {
        Files.delete(deployments().resolve(WAR_NAME + ".deployed"));
        awaitServing(false);
    }

    @Override
    public void redeploy() throws Exception {
        Files.createFile(deployments().resolve(WAR_NAME + ".dodeploy"));
        awaitServing(true);
    }

    /** An offset under which WildFly's default ports (8443, 9990, 9993, 4712, 4713) are all free. */
    private int freeOffset() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = 1_000 + ThreadLocalRandom.current().nextInt(40_000);
            if (port - offset > 0 && Stream.of(8443, 9990, 9993, 4712, 4713).allMatch(p -> isFree(p + offset))) {
                return offset;
            }
        }
        throw new IOException("No free port offset for WildFly");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path deployments() {
        return home.resolve("deployments");
    }

    private static void copyFresh(Path from, Path to) throws IOException {
        deleteTree(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }
}
