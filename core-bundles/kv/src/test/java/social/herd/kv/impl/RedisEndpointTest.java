package social.herd.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.config.Config;

class RedisEndpointTest {

    @Test
    void absentOrBlankUrlMeansNoRedis() {
        assertThat(RedisEndpoint.from(Map.of())).isNull();
        assertThat(RedisEndpoint.from(Map.of("url", "  "))).isNull();
    }

    @Test
    void parsesSingleServerUrlWithCredentialsAndDatabase() {
        RedisEndpoint e = RedisEndpoint.from(Map.of("url", "rediss://herd:s3cr%40t@cache.example:6380/3"));
        Config c = e.toRedissonConfig(getClass().getClassLoader());
        assertThat(c.useSingleServer().getAddress()).isEqualTo("rediss://cache.example:6380");
        assertThat(c.useSingleServer().getDatabase()).isEqualTo(3);
        assertThat(c.useSingleServer().getUsername()).isEqualTo("herd");
        assertThat(c.useSingleServer().getPassword()).isEqualTo("s3cr@t");
        assertThat(c.useSingleServer().getTimeout()).isEqualTo(300);
        assertThat(c.useSingleServer().getRetryAttempts()).isZero();
        assertThat(c.isLazyInitialization()).isTrue();
        assertThat(e.redacted()).isEqualTo("rediss://cache.example:6380/3 (auth) [single]");
    }

    @Test
    void passwordNeverAppearsInTextOrErrors() {
        RedisEndpoint e = RedisEndpoint.from(Map.of("url", "redis://:hunter2@h:1"));
        assertThat(e.toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> RedisEndpoint.from(Map.of("url", "http://:hunter2@h:1")))
                .hasMessage("social.herd.redis: url must start with redis:// or rediss://");
    }

    @Test
    void unreachableRedisWithPasswordIsDegradedWithoutLeakingIt() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RedisBackend backend = new RedisBackend(Map.of("url", "redis://herd:hunter2@127.0.0.1:" + closedPort));
        try {
            var status = new RedisHealthCheck(backend).check();
            assertThat(status.state()).isEqualTo(social.herd.api.health.HealthStatus.State.DEGRADED);
            assertThat(status.detail()).contains("falling back to in-process").doesNotContain("hunter2");
        } finally {
            backend.deactivate();
        }
    }

    @Test
    void sentinelAndClusterUseNodesList() {
        RedisEndpoint s = RedisEndpoint.from(Map.of("url", "redis://:pw@ignored:26379/1", "mode", "sentinel",
                "sentinel_master", "mymaster", "nodes", "s1:26379, s2:26379", "timeout_ms", "250"));
        Config sc = s.toRedissonConfig(getClass().getClassLoader());
        assertThat(sc.useSentinelServers().getSentinelAddresses()).containsExactly("redis://s1:26379", "redis://s2:26379");
        assertThat(sc.useSentinelServers().getMasterName()).isEqualTo("mymaster");
        assertThat(sc.useSentinelServers().getTimeout()).isEqualTo(250);
        RedisEndpoint c = RedisEndpoint.from(Map.of("url", "redis://n0:7000", "mode", "CLUSTER"));
        assertThat(c.toRedissonConfig(getClass().getClassLoader()).useClusterServers().getNodeAddresses())
                .containsExactly("redis://n0:7000");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> RedisEndpoint.from(Map.of("url", "redis://h:1", "mode", "ring")))
                .hasMessage("social.herd.redis: mode must be single, sentinel or cluster");
        assertThatThrownBy(() -> RedisEndpoint.from(Map.of("url", "redis://h:1", "mode", "sentinel")))
                .hasMessage("social.herd.redis: sentinel_master is required when mode=sentinel");
        assertThatThrownBy(() -> RedisEndpoint.from(Map.of("url", "redis://h:1", "timeout_ms", "soon")))
                .hasMessage("social.herd.redis: timeout_ms must be a whole number of milliseconds");
        assertThatThrownBy(() -> RedisEndpoint.from(Map.of("url", "redis://h:1/x")))
                .hasMessage("social.herd.redis: url database (the path) must be a number");
    }
}
