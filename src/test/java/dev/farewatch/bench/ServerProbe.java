package dev.farewatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server's process costs, read from outside it so the reading costs the server nothing in
 * between: CPU time from {@code /proc/<pid>/stat}, live heap from {@code jcmd GC.class_histogram}
 * (which runs a full GC first, so its total is what survives, not what happens to be allocated).
 */
final class ServerProbe {

    /** The histogram's last line: {@code Total <instances> <bytes>}. */
    private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private final long pid;

    ServerProbe(long pid) {
        this.pid = pid;
    }

    /** User plus system CPU time of every thread of the process so far, in microseconds. */
    long cpuMicros() throws IOException {
        return ProcessCpu.micros(pid);
    }

    /**
     * Bytes of live objects on the heap, after the full GC the histogram forces; the histogram itself
     * is kept in {@code histogram}, to tell what a session's bytes are made of.
     */
    long liveHeapBytes(Path histogram) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Jvm.tool("jcmd"), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        List<String> lines;
        try (var reader = jcmd.inputReader(StandardCharsets.UTF_8)) {
            lines = reader.lines().toList();
        }
        if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.class_histogram failed: " + String.join("\n", lines.subList(0, Math.min(5, lines.size()))));
        }
        Files.write(histogram, lines, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher total = TOTAL.matcher(lines.get(i));
            if (total.matches()) {
                return Long.parseLong(total.group(2));
            }
        }
        throw new IOException("jcmd " + pid + " GC.class_histogram printed no Total line");
    }
}
