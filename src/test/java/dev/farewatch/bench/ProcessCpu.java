package dev.farewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, all its threads, user plus system, read from {@code /proc/<pid>/stat}
 * as {@code top} counts it. Reading it costs the process nothing, so it can be read at both ends of
 * the window without touching what is measured.
 */
final class ProcessCpu {

    private static final long TICKS_PER_SECOND = clockTicksPerSecond();

    private ProcessCpu() {
    }

    /** CPU time of process {@code pid} so far, in microseconds (at the kernel's tick resolution, usually 10 ms). */
    static long micros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // The command name, field 2, is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(fields[11]);   // field 14
        long stime = Long.parseLong(fields[12]);   // field 15
        return (utime + stime) * 1_000_000L / TICKS_PER_SECOND;
    }

    /** Resident memory of process {@code pid} now ({@code VmRSS} of {@code /proc/<pid>/status}), in bytes. */
    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** {@code getconf CLK_TCK}: the unit of /proc's times, 100 on nearly every Linux. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() != 0) {
                throw new IOException("getconf CLK_TCK failed: " + out);
            }
            return Long.parseLong(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
