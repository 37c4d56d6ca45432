package social.herd.federation.impl.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.federation.impl.activity.Corpus.activity;
import static social.herd.federation.impl.activity.Corpus.actor;
import static social.herd.federation.impl.activity.Corpus.created;
import static social.herd.federation.impl.activity.Corpus.note;
import static social.herd.federation.impl.activity.Corpus.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.api.federation.RemoteAccounts.RemoteActor;

/**
 * Real documents from Mastodon, Pleroma/Akkoma, Misskey, GoToSocial, Pixelfed, PeerTube and Lemmy
 * (see {@code corpus/SOURCES.md}): each parses with the parser its type calls for, and each has an
 * assertion on what matters about it. Mastodon, Pleroma and Misskey documents are checked here,
 * the others in {@link CorpusOtherServersTest}.
 */
class CorpusTest {

    static Stream<String> corpus() {
        return Corpus.all().stream();
    }

    @Test
    void corpusCoversEveryServer() {
        List<String> all = Corpus.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(24);
        for (String server : List.of("mastodon", "pleroma", "misskey", "gotosocial", "pixelfed", "peertube", "lemmy")) {
            assertThat(all).filteredOn(f -> f.startsWith(server + "/")).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    /** Actors by ActorParser (fetched from their own host), posts by NoteParser, the rest by ActivityParser. */
    @ParameterizedTest
    @MethodSource("corpus")
    void everyDocumentParses(String name) throws Exception {
        JsonNode doc = Corpus.load(name);
        if (ApJson.types(doc).stream().anyMatch(ActorParser.ACTOR_TYPES::contains)) {
            RemoteActor actor = ActorParser.parse(doc, ApJson.text(doc, "id"));
            assertThat(actor.inbox()).startsWith("http");
        } else if (NoteParser.isPostType(doc)) {
            assertThat(NoteParser.parse(doc).uri()).isEqualTo(ApJson.text(doc, "id"));
        } else {
            ParsedActivity activity = ActivityParser.parse(doc);
            assertThat(activity.handled()).as("type %s", activity.type()).isTrue();
            assertThat(activity.objectId()).isNotNull();
            if (activity.object() != null && NoteParser.isPostType(activity.object())) {
                assertThat(NoteParser.parse(activity.object()).attributedTo()).isEqualTo(activity.actor());
            }
        }
    }

    @Nested
    class Mastodon {
        @Test
        void person() throws Exception {
            RemoteActor a = actor("mastodon/actor-person.json");
            assertThat(a.username()).isEqualTo("mastodon");
            assertThat(a.domain()).isEqualTo("masto.qa.urbanwildlife.biz");
            assertThat(a.sharedInbox()).isEqualTo("https://masto.qa.urbanwildlife.biz/inbox");
            assertThat(a.keyId()).isEqualTo("https://masto.qa.urbanwildlife.biz/users/mastodon#main-key");
            assertThat(a.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(a.avatarUrl()).endsWith("/2cf61ff96e94cb1d.png");
            assertThat(a.headerUrl()).isNull();
            assertThat(a.bot()).isFalse();
            assertThat(a.published()).isEqualTo(Instant.parse("2022-10-03T00:00:00Z"));
        }

        @Test
        void serviceIsBotWithFields() throws Exception {
            RemoteActor a = actor("mastodon/actor-service.json");
            assertThat(a.type()).isEqualTo("Service");
            assertThat(a.bot()).isTrue();
            assertThat(a.discoverable()).isTrue();
            assertThat(a.indexable()).isFalse();
            assertThat(a.fields()).extracting(f -> f.name()).containsExactly("code", "my user-agent", "coded by");
            assertThat(a.fields().getFirst().valueHtml())
                    .contains("href=\"https://codeberg.org/spla/stats\"", "rel=\"nofollow noopener noreferrer\"",
                            "<span class=\"invisible\">https://</span>")
                    .doesNotContain("class=\"\"");
            assertThat(a.noteHtml()).contains("class=\"u-url mention\"");
        }

        @Test
        void unlistedReply() throws Exception {
            ParsedObject n = note("mastodon/note-reply.json");
            assertThat(text(n.contentHtml())).startsWith("@retiolus i have never been disappointed by a thinkpad.");
            assertThat(n.inReplyTo()).isEqualTo("https://mamot.fr/users/retiolus/statuses/107224244380204526");
            assertThat(n.mentions()).containsExactly("https://mamot.fr/users/retiolus");
            assertThat(n.language()).isEqualTo("en");
            assertThat(n.visibility("https://mastodon.madrid/users/felix/followers")).isEqualTo(Visibility.UNLISTED);
        }

        @Test
        void imageAttachment() throws Exception {
            ParsedObject n = note("mastodon/note-attachment.json");
            assertThat(n.media()).containsExactly(new RemoteMedia(
                    "https://cdn.masto.host/floss/media_attachments/files/113/306/826/682/985/891/original/c8d906a2f2ab2334.jpg",
                    "image", "image/jpeg",
                    "The KDE dragons Katie and Konqi stand on either side of a pot filling up with gold coins. Donate!",
                    "USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc", 1500, 1095));
            assertThat(n.visibility("https://floss.social/users/kde/followers")).isEqualTo(Visibility.PUBLIC);
            assertThat(n.url()).isEqualTo("https://floss.social/@kde/113306831140126616");
        }

        @Test
        void customEmoji() throws Exception {
            ParsedObject n = note("mastodon/note-emoji.json");
            assertThat(n.emojis()).containsExactly(Map.entry("KritischerTreffer",
                    "https://server.social/system/custom_emojis/images/000/007/421/original/350499e0e0477dd7.png"));
            assertThat(n.mentions()).containsExactly("https://server.social/users/ddkinga",
                    "https://vernissage.social/actors/ddkinga");
            assertThat(n.language()).isEqualTo("de");
            assertThat(n.visibility(null)).isEqualTo(Visibility.UNLISTED);
        }

        @Test
        void question() throws Exception {
            ParsedObject q = created("mastodon/create-question.json");
            assertThat(q.type()).isEqualTo("Question");
            assertThat(q.poll().options())
                    .containsExactly("Dunno", "Everyone knows that!", "25 char limit is dumb", "I can't even fit a funny");
            assertThat(q.poll().votes()).containsExactly(0, 1, 0, 1);
            assertThat(q.poll().multiple()).isFalse();
            assertThat(q.poll().expiresAt()).isEqualTo(Instant.parse("2019-05-11T09:03:36Z"));
        }

        @Test
        void contentWarningAndHashtag() throws Exception {
            ParsedObject n = created("mastodon/create-hashtag.json");
            assertThat(n.summary()).isEqualTo("cw");
            assertThat(n.sensitive()).isTrue();
            assertThat(n.hashtags()).containsExactly("moo");
            assertThat(n.mentions()).containsExactly("http://localtesting.pleroma.lol/users/lain");
        }

        @Test
        void directMessage() throws Exception {
            ParsedObject n = note("mastodon/note-direct.json");
            assertThat(n.to()).containsExactly("https://ds9.lemmy.ml/u/nutomic");
            assertThat(n.visibility("https://mastodon.world/users/nutomic/followers")).isEqualTo(Visibility.DIRECT);
            assertThat(n.language()).isEqualTo("es");
            assertThat(text(n.contentHtml())).isEqualTo("@nutomic@ds9.lemmy.ml 444");
        }

        @Test
        void announceUndoLikeDeleteFollow() throws Exception {
            ParsedActivity boost = activity("mastodon/announce.json");
            assertThat(boost.type()).isEqualTo("Announce");
            assertThat(boost.objectId()).isEqualTo("http://mastodon.example.org/@admin/99541947525187367");
            assertThat(Visibility.infer(boost.to(), boost.cc(), null, List.of())).isEqualTo(Visibility.PUBLIC);

            ParsedActivity undo = activity("mastodon/undo-announce.json");
            assertThat(undo.objectType()).isEqualTo("Announce");
            assertThat(undo.objectId()).isEqualTo("http://mastodon.example.org/users/admin/statuses/99542391527669785/activity");
            assertThat(ApJson.id(undo.object(), "object")).isEqualTo("http://mastodon.example.org/@admin/99541947525187367");

            ParsedActivity like = activity("mastodon/like.json");
            assertThat(like.type()).isEqualTo("Like");
            assertThat(like.objectId()).isEqualTo("http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454");

            ParsedActivity delete = activity("mastodon/delete-tombstone.json");
            assertThat(delete.objectType()).isEqualTo("Tombstone");
            assertThat(delete.objectId()).isEqualTo("https://mastodon.madrid/users/felix/statuses/107773559874184870");

            ParsedActivity follow = activity("mastodon/follow.json");
            assertThat(follow.actor()).isEqualTo("https://masto.asonix.dog/users/asonix");
            assertThat(follow.objectId()).isEqualTo("https://ds9.lemmy.ml/c/testcom");
        }
    }

    @Nested
    class Pleroma {
        @Test
        void actorWithEmojiInName() throws Exception {
            RemoteActor a = actor("pleroma/actor.json");
            assertThat(a.username()).isEqualTo("lanodan");
            assertThat(a.displayName()).isEqualTo("Haelwenn /элвэн/ :bzh:");
            assertThat(a.sharedInbox()).isEqualTo("https://queer.hacktivis.me/inbox");
            assertThat(a.noteHtml()).contains("<a class=\"hashtag\" href=\"https://queer.hacktivis.me/tag/nobot\"")
                    .doesNotContain("data-tag");
            assertThat(a.published()).isNull();
        }

        @Test
        void unlistedNoteWithSourceString() throws Exception {
            ParsedObject n = note("pleroma/note-unlisted.json");
            assertThat(n.contentHtml()).isEqualTo("Have what?");
            assertThat(n.summary()).isNull(); // "" is no content warning
            assertThat(n.sensitive()).isFalse(); // null
            assertThat(n.visibility("https://queer.hacktivis.me/users/lanodan/followers")).isEqualTo(Visibility.UNLISTED);
            assertThat(n.published()).isEqualTo(Instant.parse("2021-10-07T18:06:52.555500Z"));
        }

        @Test
        void createNote() throws Exception {
            ParsedObject n = created("pleroma/create-note.json");
            assertThat(n.mentions()).containsExactly("https://enterprise.lemmy.ml/u/picard");
            assertThat(n.contentHtml()).contains("class=\"u-url mention\"").doesNotContain("data-user", "rel=\"ugc\"");
            assertThat(n.visibility("https://greenish.red/users/nutomic/followers")).isEqualTo(Visibility.PUBLIC);
        }

        @Test
        void closedPollWithoutOffset() throws Exception {
            ParsedObject q = note("pleroma/question-closed.json");
            assertThat(q.poll().options()).containsExactly("yes", "no");
            assertThat(q.poll().votes()).containsExactly(4, 0);
            assertThat(q.poll().expiresAt()).isEqualTo(Instant.parse("2019-09-19T00:32:36.785333Z"));
        }

        @Test
        void emojiReactFollowDelete() throws Exception {
            ParsedActivity react = activity("pleroma/emoji-react.json");
            assertThat(react.type()).isEqualTo("EmojiReact");
            assertThat(react.content()).isEqualTo("👌");
            assertThat(react.objectId()).isEqualTo("http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454");

            ParsedActivity follow = activity("pleroma/follow.json");
            assertThat(follow.objectId()).isEqualTo("https://lemmy.ca/u/kinetix");
            assertThat(follow.to()).containsExactly("https://lemmy.ca/u/kinetix");

            ParsedActivity delete = activity("pleroma/delete.json");
            assertThat(delete.object()).isNull();
            assertThat(delete.objectId()).isEqualTo("https://greenish.red/objects/38e2b983-ebf5-4387-9bc2-3b80305469c9");
        }
    }

    @Nested
    class Misskey {
        @Test
        void person() throws Exception {
            RemoteActor a = actor("misskey/actor.json");
            assertThat(a.username()).isEqualTo("aimu");
            assertThat(a.displayName()).isEqualTo("あいむ");
            assertThat(a.sharedInbox()).isEqualTo("https://misskey.io/inbox");
            assertThat(a.discoverable()).isTrue();
            assertThat(a.avatarUrl()).isEqualTo("https://s3.arkjp.net/misskey/webpublic-3f7e93c0-34f5-443c-acc0-f415cb2342b4.jpg");
        }

        @Test
        void noteIgnoresMisskeyContent() throws Exception {
            ParsedObject n = note("misskey/note.json");
            assertThat(n.contentHtml()).isEqualTo("<p><span>Fantiaこれできないように過去のやつは従量課金だった気がする</span></p>");
            assertThat(n.published()).isEqualTo(Instant.parse("2022-01-21T16:37:12.663Z"));
            assertThat(n.visibility("https://misskey.io/users/83ssedkv53/followers")).isEqualTo(Visibility.PUBLIC);
        }

        @Test
        void quoteIsAPlainNote() throws Exception {
            ParsedObject n = note("misskey/note-quote.json");
            assertThat(text(n.contentHtml())).startsWith("i quompt u").contains("RE: https://example.com/objects/");
            assertThat(n.inReplyTo()).isNull();
        }

        @Test
        void pollWithoutEndTime() throws Exception {
            ParsedObject q = note("misskey/question-no-end.json");
            assertThat(q.poll().options()).containsExactly("Working", "Broken af");
            assertThat(q.poll().votes()).containsExactly(0, 1);
            assertThat(q.poll().expiresAt()).isNull();
            assertThat(q.mentions()).containsExactly("https://marchgenso.me/users/march");
        }

        @Test
        void reactionLike() throws Exception {
            ParsedActivity like = activity("misskey/like-reaction.json");
            assertThat(like.type()).isEqualTo("Like");
            assertThat(like.content()).isEqualTo(":pudding:");
            assertThat(like.objectId()).isEqualTo("https://testing.pleroma.lol/objects/c331bbf7-2eb9-4801-a709-2a6103492a5a");
        }
    }
}
