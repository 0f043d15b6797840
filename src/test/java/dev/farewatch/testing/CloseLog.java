package dev.farewatch.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The close lines the in-process embedded server logs during a test, one per connection: code,
 * reason, origin and address. Register with {@code @RegisterExtension final CloseLog closes = new CloseLog();}.
 */
public final class CloseLog implements BeforeEachCallback, AfterEachCallback {

    /** The logger of {@code dev.farewatch.endpoint.Connection}, which logs each close once. */
    private static final Logger CONNECTIONS = Logger.getLogger("dev.farewatch.endpoint.Connection");

    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        CONNECTIONS.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CONNECTIONS.removeHandler(handler);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public void clear() {
        synchronized (lines) {
            lines.clear();
        }
    }
}
