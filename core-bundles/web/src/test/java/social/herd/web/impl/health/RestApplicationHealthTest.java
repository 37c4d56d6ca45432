package social.herd.web.impl.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.herd.api.health.HealthStatus.State;

class RestApplicationHealthTest {

    private static final class MovableClock extends Clock {
        long now = 1_000_000;
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(now); }
    }

    @Test
    void downUntilTheApplicationHasBeenStillForAWhile() {
        MovableClock clock = new MovableClock();
        RestApplicationHealth health = new RestApplicationHealth(clock);
        assertThat(health.check().state()).as("no runtime yet").isEqualTo(State.DOWN);

        health.bindRuntime(null, Map.of("service.changecount", 1L));
        assertThat(health.check().state()).isEqualTo(State.DOWN);
        clock.now += RestApplicationHealth.SETTLE_MILLIS;
        assertThat(health.check().state()).isEqualTo(State.UP);

        health.runtimeChanged(null, Map.of("service.changecount", 2L)); // a plugin's resource arrives
        assertThat(health.check().state()).isEqualTo(State.DOWN);
        assertThat(health.check().detail()).isEqualTo("REST application rebuilding");
        clock.now += RestApplicationHealth.SETTLE_MILLIS;
        assertThat(health.check().state()).isEqualTo(State.UP);
    }
}
