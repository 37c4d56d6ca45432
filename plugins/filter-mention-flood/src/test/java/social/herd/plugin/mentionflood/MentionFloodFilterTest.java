package social.herd.plugin.mentionflood;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import social.herd.spi.moderation.Author;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.SignUp;
import social.herd.spi.moderation.Verdict;
import social.herd.spi.moderation.Verdict.Decision;

class MentionFloodFilterTest {

    @Test
    void upToTheLimitPassesAboveItIsRejectedOrHeld() {
        MentionFloodFilter reject = new MentionFloodFilter(config(3, "reject"));
        assertThat(reject.review(post(3)).decision()).isEqualTo(Decision.ACCEPT);
        assertThat(reject.review(post(4))).isEqualTo(Verdict.reject("Too many mentions (4, at most 3 allowed)"));
        MentionFloodFilter hold = new MentionFloodFilter(config(3, "hold"));
        assertThat(hold.review(post(4)).decision()).isEqualTo(Decision.HOLD);
        hold.modified(config(5, "hold"));
        assertThat(hold.review(post(4)).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void incomingPostsCountTheirMentionedActorsAndOtherSubjectsPass() {
        MentionFloodFilter f = new MentionFloodFilter(config(2, "reject"));
        List<String> actors = IntStream.range(0, 3).mapToObj(i -> "https://here.example/users/u" + i).toList();
        assertThat(f.review(new IncomingActivity("Create", "https://far.example/users/x", "far.example", "Note", "<p>hi</p>",
                "", false, "public", 0, actors, Author.unknown("x", "far.example"), List.of(), 0)).decision())
                .isEqualTo(Decision.REJECT);
        assertThat(f.review(new SignUp("many", "m@example.com", "", "", null, false)).decision()).isEqualTo(Decision.ACCEPT);
    }

    private static LocalPost post(int mentions) {
        List<String> names = IntStream.range(0, mentions).mapToObj(i -> "user" + i).toList();
        return new LocalPost(1, "alice", "hello", "", false, "public", 0, names, false);
    }

    private static MentionFloodFilter.Config config(int max, String action) {
        return new MentionFloodFilter.Config() {
            @Override public int max__mentions() { return max; }
            @Override public String action() { return action; }
            @Override public Class<? extends Annotation> annotationType() { return MentionFloodFilter.Config.class; }
        };
    }
}
