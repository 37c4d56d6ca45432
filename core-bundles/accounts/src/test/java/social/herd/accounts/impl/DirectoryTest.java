package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.accounts.impl.RelationshipService.FollowOptions;
import social.herd.api.auth.Role;

/** AccountDirectory and SocialGraph as the statuses bundle will use them, on real PostgreSQL. */
class DirectoryTest {

    @TempDir
    static Path data;
    private static Fixture f;
    private static Directory directory;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        directory = new Directory(f.db, f.settings);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static long account(String username) {
        f.admin.create(username, username + "@example.org", Role.USER, true);
        return f.count("SELECT id FROM accounts WHERE username = '" + username + "'");
    }

    @Test
    void followsBlocksAndMutesAsTheGraphReportsThem() {
        long ann = account("ann"), ben = account("ben"), cat = account("cat"), dan = account("dan");
        FollowOptions defaults = new FollowOptions(null, null, null);
        f.relationships.follow(ben, ann, defaults);
        f.relationships.follow(cat, ann, defaults);
        f.relationships.follow(ann, ben, defaults);

        assertThat(directory.follows(ben, ann)).isTrue();
        assertThat(directory.follows(ann, cat)).isFalse();
        assertThat(directory.localFollowers(ann)).containsExactlyInAnyOrder(ben, cat);
        assertThat(directory.following(ann)).containsExactly(ben);

        f.relationships.block(dan, ann);
        f.relationships.mute(ann, cat, true, 0);
        assertThat(directory.blockedEitherWay(ann, dan)).isTrue();
        assertThat(directory.blockedEitherWay(dan, ann)).isTrue();
        assertThat(directory.blockedEitherWay(ann, ben)).isFalse();
        assertThat(directory.hiddenFrom(ann)).as("blocked by dan, muting cat").containsExactlyInAnyOrder(dan, cat);
        assertThat(directory.hiddenFrom(dan)).containsExactly(ann);
    }

    @Test
    void moderationFactsCountStrangersAndFollowers() {
        long jo = account("jo"), kit = account("kit"), lou = account("lou");
        f.relationships.follow(kit, jo, new FollowOptions(null, null, null));
        assertThat(directory.strangers(jo, List.of(kit, lou))).as("kit follows jo, lou does not").isEqualTo(1);
        assertThat(directory.strangers(jo, List.of())).isZero();
        assertThat(directory.stats(jo).orElseThrow().followersCount()).isEqualTo(1);
        assertThat(directory.stats(jo).orElseThrow().createdAt()).isNotNull();
        assertThat(directory.stats(999_999_999L)).isEmpty();
    }

    @Test
    void notifyAndHiddenReblogsFollowTheFollowOptions() {
        long gus = account("gus"), hal = account("hal"), ida = account("ida");
        f.relationships.follow(hal, gus, new FollowOptions(false, true, null));
        f.relationships.follow(ida, gus, new FollowOptions(null, null, null));
        assertThat(directory.notifiedFollowers(gus)).containsExactly(hal);
        assertThat(directory.reblogsHidden(hal)).containsExactly(gus);
        assertThat(directory.reblogsHidden(ida)).isEmpty();
        f.relationships.follow(hal, gus, new FollowOptions(true, false, null));
        assertThat(directory.notifiedFollowers(gus)).isEmpty();
        assertThat(directory.reblogsHidden(hal)).isEmpty();
    }

    @Test
    void staffAreTheActiveOwnersAdminsAndModerators() {
        f.admin.create("boss", "boss@example.org", Role.ADMIN, true);
        f.admin.create("mod", "mod@example.org", Role.MODERATOR, true);
        f.admin.create("newmod", "newmod@example.org", Role.MODERATOR, false);
        f.admin.create("plain", "plain@example.org", Role.USER, true);
        assertThat(f.users.staff().stream().map(u -> u.username()).toList()).containsExactly("boss", "mod");
    }

    @Test
    void summariesAndRenderedAccounts() {
        long eve = account("eve");
        assertThat(directory.localByUsername("EVE")).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo(eve);
            assertThat(s.local()).isTrue();
            assertThat(s.suspended()).isFalse();
        });
        assertThat(directory.localByUsername("nobody")).isEmpty();
        Map<Long, Object> rendered = directory.render(List.of(eve, 42L));
        assertThat(rendered).containsOnlyKeys(eve);
        assertThat(((AccountViews.Account) rendered.get(eve)).acct()).isEqualTo("eve");
    }
}
