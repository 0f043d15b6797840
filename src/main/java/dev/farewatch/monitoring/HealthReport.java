package dev.farewatch.monitoring;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * A health answer in MicroProfile Health's shape: {@code UP} when every check is.
 *
 * @param status {@code UP} or {@code DOWN}
 */
@JsonbPropertyOrder({"status", "checks"})
public record HealthReport(String status, List<Check> checks) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    /** @param data what the check saw, for the operator reading it */
    @JsonbPropertyOrder({"name", "status", "data"})
    public record Check(String name, String status, Map<String, Object> data) {

        static Check of(String name, boolean up, Map<String, Object> data) {
            return new Check(name, up ? UP : DOWN, data);
        }
    }

    static HealthReport of(List<Check> checks) {
        return new HealthReport(checks.stream().allMatch(check -> UP.equals(check.status())) ? UP : DOWN, checks);
    }

    public boolean up() {
        return UP.equals(status);
    }
}
