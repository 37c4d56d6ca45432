package social.herd.plugin.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.herd.spi.moderation.Author;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.SignUp;
import social.herd.spi.moderation.Verdict;
import social.herd.spi.moderation.Verdict.Decision;

class KeywordFilterTest {

    private final KeywordFilter filter = new KeywordFilter(config(new String[] {"casino", "/fr[e3]{2} m[o0]ney/"},
            new String[] {"crypto giveaway"}, new String[] {"spoiler", "/[/"}));

    @Test
    void rejectHoldAndWarnByWholeWordsAndPatterns() {
        assertThat(filter.review(post("Visit my CASINO tonight"))).isEqualTo(Verdict.reject("no casinos"));
        assertThat(filter.review(post("get fr33 m0ney now")).decision()).isEqualTo(Decision.REJECT);
        assertThat(filter.review(post("Big Crypto   giveaway")).decision()).as("phrases need their spacing").isEqualTo(Decision.ACCEPT);
        assertThat(filter.review(post("big crypto giveaway!"))).isEqualTo(Verdict.hold("held words"));
        Verdict warned = filter.review(post("no spoiler please"));
        assertThat(warned.decision()).isEqualTo(Decision.REWRITE);
        assertThat(warned.rewrites()).containsExactly(Verdict.Rewrite.ADD_CONTENT_WARNING);
        assertThat(warned.reason()).isEqualTo("Careful");
    }

    @Test
    void wholeWordsOnlyInAnyScript() {
        assertThat(filter.review(post("casinos are fine")).decision()).as("another word").isEqualTo(Decision.ACCEPT);
        assertThat(filter.review(post("mycasino")).decision()).isEqualTo(Decision.ACCEPT);
        KeywordFilter cyrillic = new KeywordFilter(config(new String[] {"спам"}, new String[0], new String[0]));
        assertThat(cyrillic.review(post("Это СПАМ.")).decision()).isEqualTo(Decision.REJECT);
        assertThat(cyrillic.review(post("спамер")).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void rejectWinsOverHoldAndTheContentWarningCounts() {
        assertThat(filter.review(new LocalPost(1, "a", "crypto giveaway", "casino", false, "public", 0, List.of(), false))
                .decision()).isEqualTo(Decision.REJECT);
    }

    @Test
    void incomingPostsAreReadAsTextAndOtherActivitiesPass() {
        IncomingActivity html = incoming("Create", "Note", "<p>free <strong>casino</strong></p>");
        assertThat(filter.review(html).decision()).isEqualTo(Decision.REJECT);
        assertThat(filter.review(incoming("Create", "Note", "<p>cas</p><p>ino</p>")).decision()).isEqualTo(Decision.ACCEPT);
        assertThat(filter.review(incoming("Follow", "", "casino")).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void signUpsByUsernameAndReasonButNeverWarned() {
        assertThat(filter.review(new SignUp("casino", "x@example.com", "", "", null, false)).decision())
                .isEqualTo(Decision.REJECT);
        assertThat(filter.review(new SignUp("bob", "x@example.com", "", "crypto giveaway fan", null, false)).decision())
                .isEqualTo(Decision.HOLD);
        assertThat(filter.review(new SignUp("bob", "x@example.com", "", "spoiler", null, false)).decision())
                .isEqualTo(Decision.ACCEPT);
    }

    @Test
    void anInvalidPatternIsLeftOutAndTheRestStillWork() {
        assertThat(new WordList(new String[] {"/[/", "ok"}).invalid()).containsExactly("/[/");
        assertThat(filter.review(post("[")).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void reconfiguringChangesTheListsAtOnce() {
        KeywordFilter f = new KeywordFilter(config(new String[] {"alpha"}, new String[0], new String[0]));
        assertThat(f.review(post("alpha")).decision()).isEqualTo(Decision.REJECT);
        f.modified(config(new String[] {"beta"}, new String[0], new String[0]));
        assertThat(f.review(post("alpha")).decision()).isEqualTo(Decision.ACCEPT);
        assertThat(f.review(post("beta")).decision()).isEqualTo(Decision.REJECT);
    }

    static LocalPost post(String text) {
        return new LocalPost(1, "alice", text, "", false, "public", 0, List.of(), false);
    }

    static IncomingActivity incoming(String type, String objectType, String html) {
        return new IncomingActivity(type, "https://far.example/users/x", "far.example", objectType, html, "", false, "public",
                0, List.of(), Author.unknown("x", "far.example"), List.of(), 0);
    }

    static KeywordFilter.Config config(String[] reject, String[] hold, String[] warn) {
        return new KeywordFilter.Config() {
            @Override public String[] reject() { return reject; }
            @Override public String[] hold() { return hold; }
            @Override public String[] warn() { return warn; }
            @Override public String reject__reason() { return "no casinos"; }
            @Override public String hold__reason() { return "held words"; }
            @Override public String warning__text() { return "Careful"; }
            @Override public Class<? extends Annotation> annotationType() { return KeywordFilter.Config.class; }
        };
    }
}
