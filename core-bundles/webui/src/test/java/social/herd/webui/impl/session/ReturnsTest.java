package social.herd.webui.impl.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnsTest {

    @Test
    void onlyPlainPathsOnThisSiteAreFollowed() {
        assertThat(Returns.safe("/home", "/x")).isEqualTo("/home");
        assertThat(Returns.safe("/@alice/123?max_id=5", "/x")).isEqualTo("/@alice/123?max_id=5");
        assertThat(Returns.safe("/authorize_interaction?uri=https%3A%2F%2Fa.example%2F%40b", "/x"))
                .isEqualTo("/authorize_interaction?uri=https%3A%2F%2Fa.example%2F%40b");
        for (String bad : new String[] {"//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
                "home", "/a b", "/x\r\nSet-Cookie: a=b", "/" + "a".repeat(400)}) {
            assertThat(Returns.safe(bad, "/fallback")).as(bad).isEqualTo("/fallback");
        }
        assertThat(Returns.safe(null, null)).isNull();
    }
}
