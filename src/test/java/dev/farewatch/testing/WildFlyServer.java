package dev.farewatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        super(war, workDir);
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
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + home,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + freePort(),
                "-Djboss.management.http.port=" + freePort(),
                "-Djboss.management.https.port=" + freePort());
        builder.environment().put("JAVA_HOME", javaHome().toString());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
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
