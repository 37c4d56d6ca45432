package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.herd.api.config.ServerSettings;
import social.herd.api.health.HealthStatus;
import social.herd.platform.impl.config.ServerSettingsComponent;
import social.herd.platform.impl.db.DatabaseHealthCheck;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.jobs.JobSettings;
import social.herd.testing.TestPostgres;

class SettingsAndHealthTest {

    @Test
    void serverSettingsDefaults() {
        ServerSettings s = new ServerSettingsComponent(Map.of());
        assertThat(s.publicUrl().toString()).isEqualTo("http://localhost:8080");
        assertThat(s.webDomain()).isEqualTo("localhost:8080");
        assertThat(s.localDomain()).isEqualTo("localhost:8080");
        assertThat(s.dataDir().isAbsolute()).isTrue();
        assertThat(s.dataDir().getFileName().toString()).isEqualTo("data");
        assertThat(s.registrations()).isEqualTo(ServerSettings.Registrations.OPEN);
        assertThat(s.role()).isEqualTo(ServerSettings.Role.ALL);
        assertThat(s.version()).isEqualTo("0.1.0");
    }

    @Test
    void serverSettingsFromConfigAndFailSafe() {
        ServerSettings s = new ServerSettingsComponent(Map.of("public_url", "https://Social.Example.com/",
                "local_domain", "example.com", "registrations", "approval", "role", "worker", "data_dir", "/var/herd"));
        assertThat(s.publicUrl().toString()).isEqualTo("https://social.example.com");
        assertThat(s.webDomain()).isEqualTo("social.example.com");
        assertThat(s.localDomain()).isEqualTo("example.com");
        assertThat(s.registrations()).isEqualTo(ServerSettings.Registrations.APPROVAL);
        assertThat(s.role().runsWorkers()).isTrue();
        assertThat(s.role().servesWeb()).isFalse();
        ServerSettings bad = new ServerSettingsComponent(Map.of("public_url", "ftp://x", "role", "boss"));
        assertThat(bad.publicUrl().toString()).isEqualTo("http://localhost:8080");
        assertThat(bad.role()).isEqualTo(ServerSettings.Role.ALL);
    }

    @Test
    void jobSettingsDefaultsAndBackoff() {
        JobSettings j = JobSettings.from(Map.of("workers_push", "4", "poll_ms", 5000));
        assertThat(j.workers()).containsEntry("default", 2).containsEntry("push", 4).containsEntry("mailers", 1);
        assertThat(j.poll().toMillis()).as("poll above 1 s is refused").isEqualTo(500);
        assertThat(j.backoff(1, 0).toMillis()).isEqualTo(1_000);
        assertThat(j.backoff(1, 1).toMillis()).isEqualTo(2_000);
        assertThat(j.backoff(5, 0.5).toMillis()).isEqualTo(24_000);
        assertThat(j.backoff(30, 1).toSeconds()).isEqualTo(3_600);
    }

    @Test
    void healthIsUpWithTheDatabaseAndDownWithinASecondWithout() throws Exception {
        try (PooledDataSource up = TestDb.pool(TestPostgres.freshDatabase(), 2);
                DatabaseHealthCheck check = new DatabaseHealthCheck(up)) {
            assertThat(check.name()).isEqualTo("database");
            assertThat(check.check().state()).isEqualTo(HealthStatus.State.UP);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // a port that accepts nothing: connects fail (or hang) and the pool waits up to 5 s
        try (PooledDataSource down = TestDb.pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/none", 2);
                DatabaseHealthCheck check = new DatabaseHealthCheck(down)) {
            long t0 = System.nanoTime();
            HealthStatus status = check.check();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_500);
            assertThat(status.state()).isEqualTo(HealthStatus.State.DOWN);
        }
    }
}
