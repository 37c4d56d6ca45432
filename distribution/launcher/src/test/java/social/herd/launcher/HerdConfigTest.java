package social.herd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HerdConfigTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private HerdConfig load(String yaml) throws Exception {
        Path file = home.resolve("herd.yaml");
        Files.writeString(file, yaml);
        return HerdConfig.load(home, file, env::get);
    }

    @Test
    void defaultsDeriveDomainsFromThePort() throws Exception {
        env.put("HERD_PORT", "9090");
        HerdConfig c = load("");
        assertThat(c.string("server.public_url")).isEqualTo("http://localhost:9090");
        assertThat(c.string("server.local_domain")).isEqualTo("localhost:9090");
        assertThat(c.string("server.bind")).isEqualTo("127.0.0.1");
        assertThat(c.string("server.registrations")).isEqualTo("open");
        assertThat(c.externalDatabase()).isFalse();
        assertThat(c.dataDir()).isEqualTo(home.resolve("data"));
    }

    @Test
    void environmentOverridesTheFileAndSplitDomainsAreKept() throws Exception {
        env.put("HERD_PUBLIC_URL", "https://social.example.com/");
        env.put("HERD_LOCAL_DOMAIN", "Example.com");
        env.put("HERD_REGISTRATIONS", "APPROVAL");
        HerdConfig c = load("server:\n  public_url: http://other.test\n  registrations: closed\n");
        assertThat(c.string("server.public_url")).isEqualTo("https://social.example.com");
        assertThat(c.string("server.web_domain")).isEqualTo("social.example.com");
        assertThat(c.string("server.local_domain")).isEqualTo("example.com");
        assertThat(c.string("server.registrations")).isEqualTo("approval");
    }

    @Test
    void s3StorageNeedsItsKeysAndBecomesTheStorageConfiguration() throws Exception {
        env.put("HERD_MEDIA_STORAGE", "s3");
        env.put("HERD_S3_ENDPOINT", "https://s3.example.com/");
        env.put("HERD_S3_BUCKET", "media");
        env.put("HERD_S3_ACCESS_KEY", "AKIA1");
        assertThatThrownBy(() -> load("")).isInstanceOf(ConfigException.class)
                .hasMessage("media.s3_secret_key (HERD_S3_SECRET_KEY): required when media.storage is s3");
        Path secret = home.resolve("s3key");
        Files.writeString(secret, "very-secret\n");
        env.put("HERD_S3_SECRET_KEY_FILE", secret.toString());
        HerdConfig c = load("");
        Map<String, Object> storage = Main.configurations(c, null, "all").get("social.herd.media.storage");
        assertThat(storage).containsEntry("type", "s3").containsEntry("endpoint", "https://s3.example.com")
                .containsEntry("bucket", "media").containsEntry("access_key", "AKIA1")
                .containsEntry(".secret_key", "very-secret").doesNotContainKey("public_url");
        env.remove("HERD_MEDIA_STORAGE");
        assertThat(Main.configurations(load(""), null, "all").get("social.herd.media.storage")).as("local: no config").isNull();
    }

    @Test
    void secretsComeFromFilesAndAreNeverEchoed() throws Exception {
        Path secret = home.resolve("pw");
        Files.writeString(secret, "s3cret-value\n");
        env.put("HERD_DB_URL", "postgres://db.example.com:5432/herd");
        env.put("HERD_DB_PASSWORD_FILE", secret.toString());
        HerdConfig c = load("");
        assertThat(c.string("database.password")).isEqualTo("s3cret-value");
        assertThat(c.string("database.url")).isEqualTo("jdbc:postgresql://db.example.com:5432/herd");
        assertThat(c.externalDatabase()).isTrue();

        env.put("HERD_DB_PASSWORD", "other");
        assertThatThrownBy(() -> load("")).isInstanceOf(ConfigException.class)
                .hasMessage("HERD_DB_PASSWORD and HERD_DB_PASSWORD_FILE are both set: keep one");
    }

    @Test
    void badValuesNameTheKeyInOneLine() {
        env.put("HERD_PORT", "eighty");
        assertThatThrownBy(() -> load("")).isInstanceOf(ConfigException.class)
                .hasMessage("server.port (HERD_PORT) = 'eighty': must be a whole number from 1 to 65535");
        env.clear();
        assertThatThrownBy(() -> load("server:\n  role: everything\n"))
                .hasMessage("server.role (HERD_ROLE) = 'everything': must be one or more of all, web, worker, streaming, separated by commas");
        assertThatThrownBy(() -> load("server:\n  public_url: ftp://x.test/path\n"))
                .hasMessageStartingWith("server.public_url (HERD_PUBLIC_URL) = 'ftp://x.test/path': must be an http or https URL");
        assertThatThrownBy(() -> load("redis:\n  url: localhost:6379\n"))
                .hasMessageStartingWith("redis.url (HERD_REDIS_URL) = 'localhost:6379': must be a Redis URL");
        assertThatThrownBy(() -> load("server:\n  prot: 80\n")).hasMessage("server.prot: unknown key in herd.yaml");
        assertThatThrownBy(() -> load("sever:\n  port: 80\n")).hasMessage("sever: unknown section in herd.yaml");
        assertThatThrownBy(() -> load("server: [\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> load("rules:\n  - hint: only a hint\n")).hasMessage("rules[0].text: must not be empty");
    }

    @Test
    void rulesAcceptPlainTextOrTextWithHint() throws Exception {
        HerdConfig c = load("rules:\n  - Be kind\n  - text: No spam\n    hint: Ads get you suspended\n");
        assertThat(c.rules()).containsExactly(Map.of("text", "Be kind", "hint", ""),
                Map.of("text", "No spam", "hint", "Ads get you suspended"));
    }

    @Test
    void theShippedConfigurationFileIsValid() throws Exception {
        Path shipped = Path.of("../src/main/dist/conf/herd.yaml");
        HerdConfig c = HerdConfig.load(home, shipped, env::get);
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.rules()).isNotEmpty();
    }

    @Test
    void rolesAreAListAndWorkerQueuesReachTheServerConfiguration() throws Exception {
        env.put("HERD_ROLE", "Worker, streaming");
        env.put("HERD_WORKER_QUEUES", "push,pull");
        HerdConfig c = load("");
        assertThat(c.string("server.role")).isEqualTo("worker,streaming");
        Map<String, Object> server = Main.configurations(c, null, "all").get("social.herd.server");
        assertThat(server).containsEntry("role", "worker,streaming").containsEntry("worker_queues", "push,pull")
                .doesNotContainKey("scheduler");
        assertThat(Main.configurations(c, null, "web").get("social.herd.server"))
                .as("a bin/herd command never runs the scheduler").containsEntry("role", "web").containsEntry("scheduler", "false");
        env.put("HERD_WORKER_QUEUES", "push,fast");
        assertThatThrownBy(() -> load("")).hasMessageContaining("HERD_WORKER_QUEUES").hasMessageContaining("one or more of");
        env.clear();
    }

    @Test
    void openSearchNeedsItsUrlAndThePasswordStaysPrivate() throws Exception {
        env.put("HERD_SEARCH_ENGINE", "opensearch");
        assertThatThrownBy(() -> load("")).hasMessageContaining("HERD_OPENSEARCH_URL");
        env.put("HERD_OPENSEARCH_URL", "https://search.test:9200");
        env.put("HERD_OPENSEARCH_USER", "herd");
        env.put("HERD_OPENSEARCH_PASSWORD", "s3cret");
        Map<String, Object> search = Main.configurations(load(""), null, "all").get("social.herd.search.opensearch");
        assertThat(search).containsEntry("url", "https://search.test:9200").containsEntry("user", "herd")
                .containsEntry(".password", "s3cret").doesNotContainKey("password");
        env.clear();
        assertThat(Main.configurations(load(""), null, "all").get("social.herd.search.opensearch")).as("postgresql: none").isNull();
    }
}
