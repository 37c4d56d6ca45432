package social.herd.federation.impl.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ModerationFactsTest {

    @Test
    void linksLeaveOutMentionsAndHashtags() {
        String html = "<p><span class=\"h-card\"><a href=\"https://a.example/@bob\" class=\"u-url mention\">@bob</a></span>"
                + " buy at <a href=\"https://shop.example/x?a=1&amp;b=2\" rel=\"nofollow noopener\">shop</a>"
                + " <a href=\"https://a.example/tags/deal\" class=\"mention hashtag\" rel=\"tag\">#deal</a>"
                + " <a href=\"https://a.example/users/carl\">carl</a> <a href=\"mailto:x@y\">mail</a></p>";
        assertThat(ModerationFacts.links(html, Set.of("https://a.example/users/carl")))
                .containsExactly("https://shop.example/x?a=1&b=2");
        assertThat(ModerationFacts.links("", Set.of())).isEmpty();
        assertThat(ModerationFacts.links(null, Set.of())).isEmpty();
    }
}
