package dev.farewatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's handle on one {@link LoadClient} child JVM: starts it, hears its two lines,
 * names the window. The Serial collector, since the process shares the two CPUs with the server and
 * should take as little of them as it can, with a young generation (1.5 GiB, touched at start) that
 * its few MB a second of garbage do not fill within a window: its pauses would count as latency.
 */
final class LoadProcess implements AutoCloseable {

    /** What a load process says once every session has connected or failed. */
    record Readiness(long connected, long failed) {
    }

    private static final String END = "\u0000end";

    private final int index;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Writer stdin;

    private LoadProcess(int index, Process process) {
        this.index = index;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        Thread reader = new Thread(this::readLines, "load-" + index + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Load process {@code index}: sessions {@code first … first+count−1} from source address 127.0.0.(10+index). */
    /** @param ramp sessions this process starts per second, paced; 0 for 64 handshakes at a time */
    static LoadProcess start(int index, URI stream, int first, int count, Path flightsFile, Path out, double ramp)
            throws IOException {
        List<String> command = List.of(Jvm.java(), "-XX:+UseSerialGC", "-Xms2g", "-Xmx2g", "-Xmn1536m", "-XX:+AlwaysPreTouch",
                // A client's GC pause shows up as latency: its log tells a server stall from a client one.
                "-Xlog:gc:file=" + out.resolve("client-" + index + "-gc.log"),
                "-Dio.netty.leakDetection.level=disabled",
                "-cp", Jvm.classpath(), LoadClient.class.getName(),
                stream.toString(), sourceAddress(index), Integer.toString(first), Integer.toString(count),
                flightsFile.toString(), Double.toString(ramp));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new LoadProcess(index, process);
    }

    /** Linux routes all of 127/8 to loopback; one address gives about 28,000 ephemeral ports. */
    static String sourceAddress(int index) {
        if (index > 240) {
            throw new IllegalArgumentException("At most 241 load processes (127.0.0.10 to 127.0.0.250)");
        }
        return "127.0.0." + (10 + index);
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process is gone; END below says so.
        }
        lines.add(END);
    }

    Readiness awaitReady(long timeoutMillis) throws InterruptedException {
        String line = next(timeoutMillis, "ready");
        String[] words = line.split(" ");
        if (words.length != 3 || !words[0].equals("ready")) {
            throw new IllegalStateException("Load process " + index + " said \"" + line + "\" instead of ready <connected> <failed>");
        }
        return new Readiness(Long.parseLong(words[1]), Long.parseLong(words[2]));
    }

    long pid() {
        return process.pid();
    }

    /** Tells it the window: T0 in epoch milliseconds and its length in seconds. */
    void openWindow(long t0Millis, int seconds) throws IOException {
        stdin.write(t0Millis + " " + seconds + "\n");
        stdin.flush();
    }

    ClientReport awaitReport(long timeoutMillis) throws InterruptedException {
        return ClientReport.fromJson(next(timeoutMillis, "its result"));
    }

    private String next(long timeoutMillis, String what) throws InterruptedException {
        String line = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IllegalStateException("Load process " + index + " did not report " + what + " within " + timeoutMillis / 1000 + " s");
        }
        if (line.equals(END)) {
            lines.add(END);
            throw new IllegalStateException("Load process " + index + " exited before reporting " + what
                    + (process.isAlive() ? "" : " (exit status " + process.exitValue() + ")"));
        }
        return line;
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already gone.
        }
        Jvm.awaitExit(process, Duration.ofSeconds(15));
    }
}
