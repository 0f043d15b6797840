package dev.farewatch.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an integration test needs from the machine. Missing, the test is skipped with what to install,
 * unless {@code -Dfarewatch.requireAll=true} (as in CI), where it fails instead.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    public static Path requireExecutable(String path, String install) {
        Path file = Path.of(path);
        if (!Files.isExecutable(file)) {
            String message = path + " is missing: " + install;
            if (Boolean.getBoolean("farewatch.requireAll")) {
                throw new AssertionError(message + " (farewatch.requireAll is set, so this fails rather than skips)");
            }
            Assumptions.abort(message);
        }
        return file;
    }
}
