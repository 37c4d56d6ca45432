package social.herd.webui.impl.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InteractionPagesTest {

    @Test
    void targetsAreHttpUrlsOrHandles() {
        assertThat(InteractionPages.clean("https://a.example/@bob")).isEqualTo("https://a.example/@bob");
        assertThat(InteractionPages.clean(" acct:bob@a.example ")).isEqualTo("bob@a.example");
        assertThat(InteractionPages.clean("@bob@a.example:8443")).isEqualTo("bob@a.example:8443");
        assertThat(InteractionPages.clean("javascript:alert(1)")).isNull();
        assertThat(InteractionPages.clean("https://a.example/\"><script>")).isNull();
        assertThat(InteractionPages.clean("ftp://a.example/x")).isNull();
        assertThat(InteractionPages.clean(null)).isNull();
    }

    @Test
    void localUrlsOfProfilesAndPostsAreRecognised() {
        assertThat(InteractionPages.LOCAL.matcher("/@alice").matches()).isTrue();
        assertThat(InteractionPages.LOCAL.matcher("/users/alice/statuses/123").matches()).isTrue();
        assertThat(InteractionPages.LOCAL.matcher("/@alice/123").matches()).isTrue();
        assertThat(InteractionPages.LOCAL.matcher("/@alice/media").matches()).isFalse();
        assertThat(InteractionPages.LOCAL.matcher("/about").matches()).isFalse();
    }
}
