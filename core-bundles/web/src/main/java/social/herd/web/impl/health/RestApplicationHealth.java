package social.herd.web.impl.health;

import java.time.Clock;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;

/**
 * Readiness of the REST application itself. Every resource or extension that registers (a bundle
 * finishing its migrations, a plugin dropped into deploy/) makes the whiteboard rebuild the Jersey
 * application, and a request that arrives during the rebuild fails. The whiteboard runtime bumps
 * its {@code service.changecount} on each change; this check reports DOWN until the count has been
 * still for {@value #SETTLE_MILLIS} ms, so a node is only put behind the load balancer once its
 * application has settled.
 */
@Component(service = HealthCheck.class)
public final class RestApplicationHealth implements HealthCheck {

    static final long SETTLE_MILLIS = 1500;

    private final Clock clock;
    private volatile long lastChange;
    private volatile boolean present;

    public RestApplicationHealth() {
        this(Clock.systemUTC());
    }

    RestApplicationHealth(Clock clock) {
        this.clock = clock;
        this.lastChange = clock.millis();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, updated = "runtimeChanged")
    void bindRuntime(JakartarsServiceRuntime runtime, Map<String, Object> properties) {
        present = true;
        runtimeChanged(runtime, properties);
    }

    void runtimeChanged(JakartarsServiceRuntime runtime, Map<String, Object> properties) {
        lastChange = clock.millis();
    }

    void unbindRuntime(JakartarsServiceRuntime runtime) {
        present = false;
        lastChange = clock.millis();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public HealthStatus check() {
        if (!present) return HealthStatus.down("REST runtime not started");
        long quiet = clock.millis() - lastChange;
        return quiet < SETTLE_MILLIS ? HealthStatus.down("REST application rebuilding") : HealthStatus.up("settled");
    }
}
