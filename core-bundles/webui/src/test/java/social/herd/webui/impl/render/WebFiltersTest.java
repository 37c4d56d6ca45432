package social.herd.webui.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebFiltersTest {

    @Test
    void cleanKeepsMastodonMarkupAndDropsEverythingActive() {
        String html = "<p>hi <a href=\"https://example.com/x\" class=\"mention\">@x</a><br><span class=\"invisible\">https://</span></p>"
                + "<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">j</a>"
                + "<svg onload=alert(4)></svg><iframe src=\"https://evil.example\"></iframe>";
        String clean = WebFilters.clean(html);
        assertThat(clean).contains("<p>hi <a href=\"https://example.com/x\" class=\"mention\"", "<br>",
                "<span class=\"invisible\">https://</span>", "rel=\"nofollow noopener noreferrer\"");
        assertThat(clean).doesNotContain("<script", "onerror", "javascript:", "<svg", "<iframe", "<img");
        assertThat(WebFilters.clean(null)).isEmpty();
    }

    @Test
    void hrefAllowsOnlyHttpAndSitePaths() {
        assertThat(WebFilters.href("https://example.com/@a")).isEqualTo("https://example.com/@a");
        assertThat(WebFilters.href("http://example.com")).isEqualTo("http://example.com");
        assertThat(WebFilters.href("/@alice")).isEqualTo("/@alice");
        assertThat(WebFilters.href("//evil.example/x")).isEqualTo("#");
        assertThat(WebFilters.href("javascript:alert(1)")).isEqualTo("#");
        assertThat(WebFilters.href(" JaVaScRiPt:alert(1)")).isEqualTo("#");
        assertThat(WebFilters.href("data:text/html,<script>")).isEqualTo("#");
        assertThat(WebFilters.href("not a url")).isEqualTo("#");
        assertThat(WebFilters.href(null)).isEqualTo("#");
    }
}
