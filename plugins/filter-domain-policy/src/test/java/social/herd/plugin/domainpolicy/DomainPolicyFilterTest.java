package social.herd.plugin.domainpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.herd.spi.moderation.Author;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.Verdict.Decision;
import social.herd.spi.moderation.Verdict.Rewrite;

class DomainPolicyFilterTest {

    private final DomainPolicyFilter filter = new DomainPolicyFilter(config(new String[] {"Bad.Example"},
            new String[] {"*.lewd.example"}, new String[] {"heavy.example"}, new String[] {"loud.example"}));

    @Test
    void rejectCoversEveryActivityOfTheDomainAndItsSubdomains() {
        assertThat(filter.review(post("bad.example", 0, "public")).decision()).isEqualTo(Decision.REJECT);
        assertThat(filter.review(post("social.bad.example", 0, "public")).decision()).isEqualTo(Decision.REJECT);
        assertThat(filter.review(activity("Follow", "bad.example:8443")).decision()).isEqualTo(Decision.REJECT);
        assertThat(filter.review(post("notbad.example", 0, "public")).decision()).as("not a subdomain").isEqualTo(Decision.ACCEPT);
    }

    @Test
    void rewritesApplyToPostsWithMediaOrPublicVisibility() {
        assertThat(filter.review(post("lewd.example", 2, "public")).rewrites()).containsExactly(Rewrite.MARK_SENSITIVE);
        assertThat(filter.review(post("lewd.example", 0, "public")).decision()).as("no media, nothing to mark").isEqualTo(Decision.ACCEPT);
        assertThat(filter.review(post("heavy.example", 1, "public")).rewrites()).containsExactly(Rewrite.STRIP_MEDIA);
        assertThat(filter.review(post("loud.example", 0, "public")).rewrites()).containsExactly(Rewrite.LOWER_VISIBILITY);
        assertThat(filter.review(post("loud.example", 0, "private")).decision()).isEqualTo(Decision.ACCEPT);
        assertThat(filter.review(activity("Follow", "loud.example")).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void localPostsAreNotItsBusiness() {
        assertThat(filter.review(new LocalPost(1, "a", "x", "", false, "public", 1, List.of(), false)).decision())
                .isEqualTo(Decision.ACCEPT);
    }

    private static IncomingActivity post(String domain, int media, String visibility) {
        return new IncomingActivity("Create", "https://" + domain + "/users/x", domain, "Note", "<p>hi</p>", "", false,
                visibility, media, List.of(), Author.unknown("x", domain), List.of(), 0);
    }

    private static IncomingActivity activity(String type, String domain) {
        return new IncomingActivity(type, "https://" + domain + "/users/x", domain, "", "", "", false, "public", 0,
                List.of(), Author.unknown("x", domain), List.of(), 0);
    }

    private static DomainPolicyFilter.Config config(String[] reject, String[] nsfw, String[] removal, String[] unlisted) {
        return new DomainPolicyFilter.Config() {
            @Override public String[] reject() { return reject; }
            @Override public String[] media__nsfw() { return nsfw; }
            @Override public String[] media__removal() { return removal; }
            @Override public String[] federated__timeline__removal() { return unlisted; }
            @Override public Class<? extends Annotation> annotationType() { return DomainPolicyFilter.Config.class; }
        };
    }
}
