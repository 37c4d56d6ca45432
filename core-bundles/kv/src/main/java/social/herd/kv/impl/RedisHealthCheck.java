package social.herd.kv.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;

/**
 * The {@code redis} readiness check: UP ("in-process") without Redis, UP when connected, DEGRADED
 * while Redis is unreachable. Never DOWN: every service has an in-process fallback, so the site keeps
 * serving. Answers from the breaker's state without touching the network, so it is instant.
 */
@Component(service = HealthCheck.class)
public final class RedisHealthCheck implements HealthCheck {

    private final RedisBackend backend;

    @Activate
    public RedisHealthCheck(@Reference RedisBackend backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public HealthStatus check() {
        try {
            return backend.health();
        } catch (RuntimeException e) {
            return HealthStatus.degraded("redis state unknown: " + e.getClass().getSimpleName());
        }
    }
}
