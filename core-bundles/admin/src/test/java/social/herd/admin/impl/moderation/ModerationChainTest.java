package social.herd.admin.impl.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import social.herd.api.metrics.Metrics;
import social.herd.spi.moderation.Author;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.SignUp;
import social.herd.spi.moderation.Verdict;
import social.herd.spi.moderation.Verdict.Decision;
import social.herd.spi.moderation.Verdict.Rewrite;

class ModerationChainTest {

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final SignUp signUp = new SignUp("newbie", "n@example.com", "192.0.2.7", "", null, false);

    private final List<FilterDecision> recorded = new CopyOnWriteArrayList<>();

    private ModerationChain chain(boolean failClosed) {
        return new ModerationChain(new CountingMetrics(), settings(50, failClosed), recorded::add);
    }

    private static FilterEntry f(String name, ModerationFilter filter) {
        return FilterEntry.of(name, filter);
    }

    @Test
    void noFiltersAccept() {
        assertThat(chain(false).review(List.of(), signUp).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void firstRejectOrHoldDecidesAndLaterFiltersDoNotRun() {
        boolean[] laterRan = {false};
        Verdict v = chain(false).review(List.of(
                f("ok", s -> Verdict.accept()),
                f("spam", s -> s instanceof SignUp u && u.username().startsWith("new") ? Verdict.reject("Sign-ups are paused") : Verdict.accept()),
                f("later", s -> { laterRan[0] = true; return Verdict.hold("x"); })), signUp);
        assertThat(v).isEqualTo(Verdict.reject("Sign-ups are paused"));
        assertThat(laterRan[0]).isFalse();
        assertThat(chain(false).review(List.of(f("review", s -> Verdict.hold("new IP range"))), signUp).decision())
                .isEqualTo(Decision.HOLD);
    }

    @Test
    void rewritesAreCombined() {
        Verdict v = chain(false).review(List.of(
                f("a", s -> Verdict.rewrite("nsfw words", Set.of(Rewrite.MARK_SENSITIVE))),
                f("b", s -> Verdict.rewrite("", Set.of(Rewrite.STRIP_MEDIA)))), signUp);
        assertThat(v.decision()).isEqualTo(Decision.REWRITE);
        assertThat(v.rewrites()).containsExactlyInAnyOrder(Rewrite.MARK_SENSITIVE, Rewrite.STRIP_MEDIA);
        assertThat(v.reason()).isEqualTo("nsfw words");
    }

    @Test
    void theContentWarningIsTheWarningFiltersTextAlone() {
        Verdict v = chain(false).review(List.of(
                f("domains", s -> Verdict.rewrite("domain policy", Set.of(Rewrite.LOWER_VISIBILITY))),
                f("words", s -> Verdict.rewrite("Politics", Set.of(Rewrite.ADD_CONTENT_WARNING)))), signUp);
        assertThat(v.rewrites()).containsExactlyInAnyOrder(Rewrite.LOWER_VISIBILITY, Rewrite.ADD_CONTENT_WARNING);
        assertThat(v.reason()).isEqualTo("Politics");
    }

    @Test
    void brokenAndSlowFiltersAreSkippedAndCountedWhenFailingOpen() {
        long t0 = System.nanoTime();
        Verdict v = chain(false).review(List.of(
                f("throws", s -> { throw new IllegalStateException("bug"); }),
                f("hangs", s -> { sleep(5_000); return Verdict.reject("too late"); }),
                f("fine", s -> Verdict.accept())), signUp);
        assertThat(v.decision()).isEqualTo(Decision.ACCEPT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(failures).containsEntry("throws/error", 1).containsEntry("hangs/timeout", 1);
    }

    @Test
    void failingClosedHoldsForReview() {
        Verdict v = chain(true).review(List.of(f("throws", s -> { throw new IllegalStateException("bug"); })), signUp);
        assertThat(v.decision()).isEqualTo(Decision.HOLD);
        assertThat(v.reason()).contains("could not decide");
    }

    @Test
    void filtersOnlySeeTheContextsTheyAskedFor() {
        ModerationFilter rejectAll = s -> Verdict.reject("no");
        FilterEntry postsOnly = FilterEntry.from("posts", rejectAll,
                Map.of(FilterEntry.CONTEXTS, new String[] {"LOCAL_POST", "EDIT"}));
        assertThat(chain(false).review(List.of(postsOnly), signUp).decision()).isEqualTo(Decision.ACCEPT);
        assertThat(chain(false).review(List.of(postsOnly), post("hello", "public", false)).decision()).isEqualTo(Decision.REJECT);
        assertThat(chain(false).review(List.of(postsOnly), post("hello", "public", true)).decision()).isEqualTo(Decision.REJECT);
        assertThat(chain(false).review(List.of(postsOnly), incoming()).decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void aFilterMarkedFailClosedHoldsEvenWhenTheChainFailsOpen() {
        FilterEntry strict = FilterEntry.from("strict", s -> { throw new IllegalStateException("bug"); },
                Map.of(FilterEntry.FAIL_CLOSED, "true"));
        Verdict v = chain(false).review(List.of(strict), signUp);
        assertThat(v.decision()).isEqualTo(Decision.HOLD);
        assertThat(chain(false).review(List.of(f("lenient", s -> { throw new IllegalStateException("bug"); })), signUp)
                .decision()).isEqualTo(Decision.ACCEPT);
    }

    @Test
    void aFilterCanHaveALongerBudgetThanTheChain() {
        ModerationFilter slow = s -> { sleep(150); return Verdict.hold("slow but sure"); };
        assertThat(chain(false).review(List.of(f("slow", slow)), signUp).decision()).isEqualTo(Decision.ACCEPT);
        FilterEntry patient = FilterEntry.from("slow", slow, Map.of(FilterEntry.BUDGET, 2_000L));
        assertThat(chain(false).review(List.of(patient), signUp).decision()).isEqualTo(Decision.HOLD);
    }

    @Test
    void nonAcceptingDecisionsAndFailuresAreRecordedWithoutPrivateText() {
        chain(false).review(List.of(
                f("nsfw", s -> Verdict.rewrite("adult words", Set.of(Rewrite.MARK_SENSITIVE))),
                f("broken", s -> { throw new IllegalStateException("bug"); }),
                f("spam", s -> Verdict.hold("new account posting links"))), post("buy now http://x.example", "public", false));
        assertThat(recorded).extracting(d -> d.filter() + ":" + d.outcome())
                .containsExactly("nsfw:rewrite", "broken:error", "spam:hold");
        FilterDecision hold = recorded.get(2);
        assertThat(hold.reason()).isEqualTo("new account posting links");
        assertThat(hold.subject()).isEqualTo("@alice");
        assertThat(hold.accountId()).isEqualTo(7L);
        assertThat(hold.excerpt()).isEqualTo("buy now http://x.example");
        assertThat(hold.context()).isEqualTo(ModerationContext.LOCAL_POST);
        assertThat(recorded.get(0).rewrites()).isEqualTo("mark_sensitive");

        recorded.clear();
        chain(false).review(List.of(f("dm", s -> Verdict.reject("no"))), post("a secret", "direct", false));
        assertThat(recorded.get(0).excerpt()).isEmpty();
        chain(false).review(List.of(f("su", s -> Verdict.reject("no"))), signUp);
        assertThat(recorded.get(1).subject()).isEqualTo("sign-up newbie").doesNotContain("@example.com");
    }

    @Test
    void acceptsAreNotRecorded() {
        chain(false).review(List.of(f("ok", s -> Verdict.accept())), signUp);
        assertThat(recorded).isEmpty();
    }

    private static LocalPost post(String text, String visibility, boolean edit) {
        return new LocalPost(7, "alice", text, "", false, visibility, 0, List.of(), edit);
    }

    private static IncomingActivity incoming() {
        return new IncomingActivity("Create", "https://remote.example/users/bob", "remote.example", "Note", "<p>hi</p>",
                "", false, "public", 0, List.of(), Author.unknown("bob", "remote.example"), List.of(), 0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ModerationChain.Settings settings(long budget, boolean failClosed) {
        return new ModerationChain.Settings() {
            @Override public long budget__ms() { return budget; }
            @Override public boolean fail__closed() { return failClosed; }
            @Override public Class<? extends Annotation> annotationType() { return ModerationChain.Settings.class; }
        };
    }

    /** Records counter increments by label values. */
    private final class CountingMetrics implements Metrics {
        @Override
        public Counter counter(String name, String help, String... labelNames) {
            return values -> failures.merge(String.join("/", values), 1, Integer::sum);
        }

        @Override
        public Timer timer(String name, String help, String... labelNames) {
            return (d, v) -> { };
        }

        @Override
        public void gauge(String name, String help, DoubleSupplier value) {
        }

        @Override
        public void writeTo(Appendable out) throws IOException {
        }
    }
}
