package social.herd.plugin.linkspam;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.herd.spi.moderation.Author;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.Verdict.Decision;

class LinkSpamFilterTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    final LinkSpamFilter filter = new LinkSpamFilter(config("hold"), Clock.fixed(NOW, ZoneOffset.UTC));

    static Author local(Duration age, long followers) {
        return new Author(1, "newbie", "", NOW.minus(age), followers, 0);
    }

    static LocalPost post(Author a, List<String> links, int strangers) {
        return new LocalPost(1, a.username(), "text", "", false, "public", 0, List.of(), false, a, links, strangers);
    }

    @Test
    void aYoungLocalAccountPostingLinksIsHeldAnEstablishedOneIsNot() {
        assertThat(filter.review(post(local(Duration.ofDays(2), 50), List.of("https://shop.example"), 0)).decision())
                .isEqualTo(Decision.HOLD);
        assertThat(filter.review(post(local(Duration.ofDays(30), 5), List.of("https://shop.example"), 0)).decision())
                .isEqualTo(Decision.ACCEPT);
        assertThat(filter.review(post(local(Duration.ofDays(2), 50), List.of(), 0)).decision()).as("no links").isEqualTo(Decision.ACCEPT);
    }

    @Test
    void anOldAccountWithoutFollowersIsANewcomerToo() {
        assertThat(filter.review(post(local(Duration.ofDays(400), 0), List.of("https://x.example"), 0)).decision())
                .isEqualTo(Decision.HOLD);
    }

    @Test
    void mentioningManyStrangersIsSpamShapedEvenWithoutLinks() {
        assertThat(filter.review(post(local(Duration.ofDays(1), 0), List.of(), 2)).reason())
                .isEqualTo("New account mentioning 2 accounts that do not follow it");
        assertThat(filter.review(post(local(Duration.ofDays(1), 0), List.of(), 1)).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void rejectInsteadOfHoldWhenConfigured() {
        LinkSpamFilter strict = new LinkSpamFilter(config("reject"), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(strict.review(post(local(Duration.ofDays(1), 0), List.of("https://x.example"), 0)).decision())
                .isEqualTo(Decision.REJECT);
    }

    @Test
    void incomingNewcomersAreJudgedOnlyWhenTheyReachStrangers() {
        Author remote = new Author(9, "fresh", "far.example", NOW.minus(Duration.ofHours(1)), 0, 0);
        assertThat(filter.review(incoming(remote, List.of("https://x.example"), 0)).decision())
                .as("reached only its followers").isEqualTo(Decision.ACCEPT);
        assertThat(filter.review(incoming(remote, List.of("https://x.example"), 1)).decision()).isEqualTo(Decision.HOLD);
        Author unknownAge = new Author(9, "old", "far.example", Instant.EPOCH, 3, 0);
        assertThat(filter.review(incoming(unknownAge, List.of("https://x.example"), 1)).decision())
                .as("followed by people here, age unknown").isEqualTo(Decision.ACCEPT);
    }

    static IncomingActivity incoming(Author a, List<String> links, int strangers) {
        return new IncomingActivity("Create", "https://far.example/users/" + a.username(), "far.example", "Note", "<p>x</p>",
                "", false, "public", 0, List.of(), a, links, strangers);
    }

    static LinkSpamFilter.Config config(String action) {
        return new LinkSpamFilter.Config() {
            @Override public int min__account__age__days() { return 7; }
            @Override public int min__followers() { return 1; }
            @Override public int max__stranger__mentions() { return 2; }
            @Override public String action() { return action; }
            @Override public Class<? extends Annotation> annotationType() { return LinkSpamFilter.Config.class; }
        };
    }
}
