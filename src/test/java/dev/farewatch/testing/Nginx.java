package dev.farewatch.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code nginx} as the cluster's load balancer, on a free loopback port, with the proxy
 * configuration the README recommends: {@code docker/nginx/farewatch-locations.conf}, included as it
 * is, under an upstream of the given nodes. Its files and logs are in its work directory.
 */
public final class Nginx implements AutoCloseable {

    private static final String EXECUTABLE = "/usr/sbin/nginx";
    /** The file docker/compose-cluster.yaml's nginx includes too. */
    public static final Path LOCATIONS = Path.of("docker", "nginx", "farewatch-locations.conf");

    private final int port;
    private final Path work;
    private final Process process;

    private Nginx(int port, Path work, Process process) {
        this.port = port;
        this.work = work;
        this.process = process;
    }

    /** Starts one in front of these nodes' base addresses, or skips the test saying what to install. */
    public static Nginx start(Path work, List<URI> nodes) throws IOException {
        Path executable = Prerequisites.requireExecutable(EXECUTABLE, "apt-get install -y nginx");
        Files.createDirectories(work.resolve("tmp"));
        int port = DeployedServer.freePort();
        String upstream = nodes.stream()
                .map(node -> "        server " + node.getHost() + ":" + node.getPort() + " max_fails=1 fail_timeout=5s;")
                .collect(Collectors.joining("\n"));
        Path dir = work.toAbsolutePath();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events {
                    worker_connections 4096;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    upstream farewatch {
                %2$s
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        include %4$s;
                    }
                }
                """.formatted(dir, upstream, port, LOCATIONS.toAbsolutePath()));
        Process process = new ProcessBuilder(executable.toString(), "-p", dir.toString(), "-c", conf.toString(),
                "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(port, dir, process);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
            }
            return nginx.listening();
        });
        return nginx;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public URI http() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public URI stream() {
        return URI.create("ws://127.0.0.1:" + port + "/ws/flight-price");
    }

    /** nginx's own error log, for a failure's message. */
    public String errors() throws IOException {
        return Files.readString(work.resolve("error.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
