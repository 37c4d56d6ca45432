package social.herd.federation.impl.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    @Test
    void scriptsAndTheirContentDisappear() {
        assertThat(HtmlSanitizer.sanitize("<p>hi<script>alert(1)</script></p><style>p{}</style>")).isEqualTo("<p>hi</p>");
    }

    @Test
    void imagesIframesAndEventHandlersAreRemoved() {
        String html = HtmlSanitizer.sanitize(
                "<p onclick=\"steal()\" style=\"color:red\">a<img src=\"x\" onerror=\"steal()\">b</p><iframe src=\"https://evil\"></iframe>");
        assertThat(html).isEqualTo("<p>ab</p>");
    }

    @Test
    void javascriptAndRelativeLinksBecomeText() {
        assertThat(HtmlSanitizer.sanitize("<a href=\"javascript:alert(1)\">click</a>")).isEqualTo("click");
        assertThat(HtmlSanitizer.sanitize("<a href=\"JaVaScRiPt:alert(1)\"><b>x</b></a>")).isEqualTo("x");
        assertThat(HtmlSanitizer.sanitize("<a href=\"/relative\">rel</a>")).isEqualTo("rel");
        assertThat(HtmlSanitizer.sanitize("<a href=\"data:text/html,<script>\">d</a>")).isEqualTo("d");
    }

    @Test
    void mentionLinksKeepTheirClassesAndGetRelAndTarget() {
        String html = HtmlSanitizer.sanitize("<span class=\"h-card\"><a href=\"https://ex.example/@bob\" "
                + "class=\"u-url mention evil\" rel=\"me\" data-user=\"1\">@<span>bob</span></a></span>");
        assertThat(html).isEqualTo("<span class=\"h-card\"><a href=\"https://ex.example/@bob\" class=\"u-url mention\" "
                + "rel=\"nofollow noopener noreferrer\" target=\"_blank\">@<span>bob</span></a></span>");
    }

    @Test
    void spanClassesAreFiltered() {
        assertThat(HtmlSanitizer.sanitize("<span class=\"invisible big\">https://</span><span class=\"ellipsis\">x</span>"
                + "<span class=\"red\">y</span>"))
                .isEqualTo("<span class=\"invisible\">https://</span><span class=\"ellipsis\">x</span><span>y</span>");
    }

    @Test
    void otherLinkSchemesMastodonAllowsAreKept() {
        assertThat(HtmlSanitizer.sanitize("<a href=\"gemini://ex.example/\">g</a>")).contains("href=\"gemini://ex.example/\"");
        assertThat(HtmlSanitizer.sanitize("<a href=\"xmpp:bob@ex.example\">x</a>")).contains("href=\"xmpp:bob@ex.example\"");
    }

    @Test
    void headingsBecomeStrongParagraphsAndUnknownBlocksKeepText() {
        assertThat(HtmlSanitizer.sanitize("<h1>Title</h1><div>body <table><tr><td>cell</td></tr></table></div>"))
                .isEqualTo("<p><strong>Title</strong></p>body cell");
    }

    @Test
    void allowedFormattingSurvives() {
        String html = "<p>a<br><del>b</del><s>c</s><code>d</code><pre>e</pre><blockquote>f</blockquote>"
                + "<ol start=\"3\"><li value=\"3\">g</li></ol><ruby>h<rt>i</rt></ruby></p>";
        assertThat(HtmlSanitizer.sanitize(html)).contains("<br>", "<del>b</del>", "<s>c</s>", "<code>d</code>",
                "<ol start=\"3\"><li value=\"3\">g</li></ol>", "<ruby>h<rt>i</rt></ruby>");
    }

    @Test
    void plainText() {
        assertThat(HtmlSanitizer.toPlainText("<p>Hello <b>world</b></p><p>second<br>line &amp; more</p>"))
                .isEqualTo("Hello world\nsecond\nline & more");
        assertThat(HtmlSanitizer.toPlainText(" Alice :blob: ")).isEqualTo("Alice :blob:");
        assertThat(HtmlSanitizer.toPlainText("a <script>x</script>b")).isEqualTo("a b");
        assertThat(HtmlSanitizer.toPlainText(null)).isEmpty();
        assertThat(HtmlSanitizer.sanitize(null)).isEmpty();
    }
}
