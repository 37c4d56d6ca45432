package social.herd.search.impl.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.search.impl.engine.StatusQuery;

/** What the OpenSearch engine accepts as configuration, and how it phrases queries. */
class OpenSearchSettingsTest {

    @Test
    void aPasswordFileIsReadAndThePasswordNeverShown(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "hunter2\n");
        OpenSearchSettings s = OpenSearchSettings.from(Map.of("url", "https://search.example:9200/", "user", "herd",
                "password_file", secret.toString()));
        assertThat(s.password()).isEqualTo("hunter2");
        assertThat(s.url().toString()).isEqualTo("https://search.example:9200");
        assertThat(s.indexPrefix()).isEqualTo("herd");
        assertThat(s.toString()).doesNotContain("hunter2");
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> OpenSearchSettings.from(Map.of())).hasMessageContaining("url: required");
        assertThatThrownBy(() -> OpenSearchSettings.from(Map.of("url", "ftp://x"))).hasMessageContaining("url: must be");
        assertThatThrownBy(() -> OpenSearchSettings.from(Map.of("url", "http://u:p@x:9200"))).hasMessageContaining("own settings");
        assertThatThrownBy(() -> OpenSearchSettings.from(Map.of("url", "http://x:9200", "user", "herd")))
                .hasMessageContaining("password: required");
        assertThatThrownBy(() -> OpenSearchSettings.from(Map.of("url", "http://x:9200", "index_prefix", "Bad Prefix")))
                .hasMessageContaining("index_prefix");
        assertThatThrownBy(() -> OpenSearchSettings.from(Map.of("url", "http://x:9200", "ca_file", "/nonexistent.pem")))
                .hasMessageContaining("ca_file");
    }

    @Test
    void mastodonQueryWordsBecomeSimpleQueryStringSyntax() {
        assertThat(OpenSearchQueries.words("tea OR coffee -milk \"green or black\""))
                .isEqualTo("tea | coffee -milk \"green or black\"");
        var body = OpenSearchQueries.search(new StatusQuery("lemon", 7L, null, true, null, false, null, "en", null, null),
                5L, 9L, 20);
        assertThat(body.toString()).contains("\"simple_query_string\"").contains("\"text_en\"")
                .contains("{\"term\":{\"account_id\":7}}").contains("{\"term\":{\"has_media\":true}}")
                .contains("{\"term\":{\"is_reply\":false}}").contains("\"lt\":9").contains("\"gt\":5")
                .contains("\"status_id\":\"desc\"");
    }
}
