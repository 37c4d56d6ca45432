package social.herd.api.health;

import java.util.Objects;

/**
 * The result of a {@link HealthCheck}.
 *
 * @param state  up, degraded (serving with reduced function) or down (cannot serve)
 * @param detail short human-readable explanation; never contains secrets
 */
public record HealthStatus(State state, String detail) {

    /** Coarse state. */
    public enum State { UP, DEGRADED, DOWN }

    public HealthStatus {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }

    public static HealthStatus up(String detail) { return new HealthStatus(State.UP, detail); }

    public static HealthStatus degraded(String detail) { return new HealthStatus(State.DEGRADED, detail); }

    public static HealthStatus down(String detail) { return new HealthStatus(State.DOWN, detail); }
}
