package dev.farewatch;

import java.util.Locale;

/**
 * Where Farewatch runs, as reported to operators by the {@code info} message.
 *
 * @param server    the server software, e.g. "Payara Micro 6.2025.10" or "WildFly Full 38.0.1.Final"
 * @param scheduler which scheduler drives the ticker
 */
public record Host(String server, Scheduler scheduler) {

    /** The scheduler as the {@code info} message and the start-up log name it: {@code managed} or {@code embedded}. */
    public String schedulerName() {
        return scheduler.name().toLowerCase(Locale.ROOT);
    }

    /** Whether Farewatch runs deployed in an application server rather than embedded. */
    public boolean deployed() {
        return scheduler == Scheduler.MANAGED;
    }

    public enum Scheduler {
        /** The container's {@code ManagedScheduledExecutorService}. */
        MANAGED,
        /** A plain {@code ScheduledExecutorService} of the embedded server's own. */
        EMBEDDED
    }
}
