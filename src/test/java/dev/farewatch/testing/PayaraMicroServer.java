package dev.farewatch.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Payara Micro 6 running the WAR through {@code --deploy}, as docker/payara's image does. Payara Micro
 * cannot undeploy while running, so undeploying stops it.
 */
public final class PayaraMicroServer extends DeployedServer {

    private final Path jar;
    private final Path workDir;

    public PayaraMicroServer(Path jar, Path war, Path workDir) throws IOException {
        this(jar, war, workDir, Map.of(), List.of());
    }

    /** With extra environment variables and JVM options, given to Payara Micro's own java command line. */
    public PayaraMicroServer(Path jar, Path war, Path workDir, Map<String, String> environment, List<String> jvmOptions)
            throws IOException {
        super(war, workDir, environment, jvmOptions);
        this.jar = jar;
        this.workDir = workDir;
    }

    @Override
    public String name() {
        return "Payara Micro";
    }

    @Override
    protected Pattern ready() {
        return Pattern.compile("Payara Micro .* ready in");
    }

    /** A fresh root each time: one left from a previous run would deploy its copy of the WAR again. */
    @Override
    protected ProcessBuilder command() throws IOException {
        deleteTree(workDir.resolve("root"));
        List<String> command = new ArrayList<>();
        command.add(javaHome().resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--deploy", war.toString(), "--port", Integer.toString(port),
                "--nohazelcast", "--disablephonehome", "--rootdir", workDir.resolve("root").toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }

    @Override
    public void undeploy() throws InterruptedException {
        stop();
    }

    @Override
    public void redeploy() throws Exception {
        start();
    }
}
