package social.herd.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One dependency's health, registered as a whiteboard service. {@code /health/ready} answers 503
 * if any check is {@link HealthStatus.State#DOWN DOWN}, and 200 with {@code "status":"degraded"} if
 * any is {@link HealthStatus.State#DEGRADED DEGRADED}. Checks must answer within a second.
 */
@ConsumerType
public interface HealthCheck {

    /** Short name shown in the readiness report, e.g. {@code database}, {@code redis}. */
    String name();

    /** The current state; must not throw. */
    HealthStatus check();
}
