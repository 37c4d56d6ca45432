package social.herd.federation.impl.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VisibilityTest {
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final String FOLLOWERS = "https://ex.example/users/alice/followers";

    @Test
    void publicWhenPublicIsInTo() {
        assertThat(Visibility.infer(List.of(PUBLIC), List.of(FOLLOWERS), FOLLOWERS, List.of())).isEqualTo(Visibility.PUBLIC);
        assertThat(Visibility.infer(List.of("as:Public"), null, null, null)).isEqualTo(Visibility.PUBLIC);
        assertThat(Visibility.infer(List.of("Public"), null, null, null)).isEqualTo(Visibility.PUBLIC);
        assertThat(Visibility.PUBLIC.apiName()).isEqualTo("public");
    }

    @Test
    void unlistedWhenPublicIsOnlyInCc() {
        assertThat(Visibility.infer(List.of(FOLLOWERS), List.of(PUBLIC), FOLLOWERS, List.of())).isEqualTo(Visibility.UNLISTED);
        assertThat(Visibility.infer(List.of(), List.of("http://www.w3.org/ns/activitystreams#Public"), null, null))
                .isEqualTo(Visibility.UNLISTED);
    }

    @Test
    void privateWhenTheAuthorsFollowersAreAddressed() {
        assertThat(Visibility.infer(List.of(FOLLOWERS), List.of(), FOLLOWERS, List.of())).isEqualTo(Visibility.PRIVATE);
        assertThat(Visibility.infer(List.of("https://ex.example/users/bob"), List.of(FOLLOWERS), FOLLOWERS, List.of()))
                .isEqualTo(Visibility.PRIVATE);
        // followers unknown: any */followers counts ...
        assertThat(Visibility.infer(List.of(FOLLOWERS), List.of(), null, List.of())).isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void directOtherwise() {
        assertThat(Visibility.infer(List.of("https://ex.example/users/bob"), List.of(), FOLLOWERS,
                List.of("https://ex.example/users/bob"))).isEqualTo(Visibility.DIRECT);
        // someone else's followers collection is not the author's
        assertThat(Visibility.infer(List.of("https://other.example/users/carol/followers"), List.of(), FOLLOWERS, List.of()))
                .isEqualTo(Visibility.DIRECT);
        // ... and, when the author's is unknown, a mentioned group's followers do not count either
        assertThat(Visibility.infer(List.of("https://lemmy.example/c/kde/followers"), List.of(), null,
                List.of("https://lemmy.example/c/kde"))).isEqualTo(Visibility.DIRECT);
        assertThat(Visibility.infer(null, null, null, null)).isEqualTo(Visibility.DIRECT);
        assertThat(Visibility.DIRECT.apiName()).isEqualTo("direct");
    }
}
