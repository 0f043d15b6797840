package dev.farewatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A server process's console, both streams, in a file: what tests read, and what a server that fails
 * to start is reported with.
 */
public final class ServerLog {

    private static final int TAIL_LINES = 40;

    private final Path file;

    public ServerLog(Path file) {
        this.file = file;
    }

    /** Starts the command with its console going to this log, emptied first. */
    public Process start(ProcessBuilder command) throws IOException {
        Files.deleteIfExists(file);
        return command.redirectErrorStream(true).redirectOutput(file.toFile()).start();
    }

    public List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /** Waits until {@code name}'s process logs a line matching {@code line}; fails if it exits first or time runs out. */
    public void await(Pattern line, Process process, String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines().stream().noneMatch(l -> line.matcher(l).find())) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited while starting; its log ends:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not log " + line + " within " + timeout + "; its log ends:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    /** The last lines, for a failure message. */
    public String tail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
