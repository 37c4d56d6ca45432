package social.herd.federation.impl.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.federation.impl.activity.Corpus.activity;
import static social.herd.federation.impl.activity.Corpus.actor;
import static social.herd.federation.impl.activity.Corpus.created;
import static social.herd.federation.impl.activity.Corpus.note;
import static social.herd.federation.impl.activity.Corpus.text;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import social.herd.api.federation.RemoteAccounts.RemoteActor;

/** The GoToSocial, Pixelfed, PeerTube and Lemmy documents of the corpus (see {@link CorpusTest}). */
class CorpusOtherServersTest {

    @Nested
    class GoToSocial {
        @Test
        void actorWithSingleEmojiTagAndSlashKey() throws Exception {
            RemoteActor a = actor("gotosocial/actor-emoji.json");
            assertThat(a.username()).isEqualTo("the_mighty_zork");
            assertThat(a.domain()).isEqualTo("localhost:8080");
            assertThat(a.sharedInbox()).isNull();
            assertThat(a.keyId()).isEqualTo("http://localhost:8080/users/the_mighty_zork/main-key");
            assertThat(a.noteHtml()).isEqualTo("<p>hey yo this is my profile!</p>");
        }

        @Test
        void lockedActorWithFields() throws Exception {
            RemoteActor a = actor("gotosocial/actor-fields.json");
            assertThat(a.locked()).isTrue();
            assertThat(a.fields()).extracting(f -> f.name() + "=" + f.valueHtml())
                    .containsExactly("should you follow me?=maybe!", "age=120");
        }

        @Test
        void singleStringAddressing() throws Exception {
            ParsedObject n = note("gotosocial/note-intro-cw.json");
            assertThat(n.to()).containsExactly("https://www.w3.org/ns/activitystreams#Public");
            assertThat(n.cc()).containsExactly("http://localhost:8080/users/the_mighty_zork/followers");
            assertThat(n.summary()).isEqualTo("introduction post");
            assertThat(n.sensitive()).isTrue();
            assertThat(n.published()).isEqualTo(Instant.parse("2021-10-20T10:40:37Z"));
        }

        @Test
        void singleMentionTag() throws Exception {
            ParsedObject n = note("gotosocial/note-mention.json");
            assertThat(n.mentions()).containsExactly("http://localhost:8080/users/the_mighty_zork");
            assertThat(text(n.contentHtml())).isEqualTo("hi @the_mighty_zork welcome to the instance!");
        }

        @Test
        void deleteWithoutIdAndFollowersOnlyBoost() throws Exception {
            ParsedActivity delete = activity("gotosocial/delete.json");
            assertThat(delete.id()).isNull();
            assertThat(delete.objectId()).isEqualTo("http://localhost:8080/users/admin/statuses/01F8MH75CBF9JFX4ZAD54N0W0R");

            ParsedActivity boost = activity("gotosocial/announce-followers-only.json");
            assertThat(boost.objectId()).isEqualTo("http://localhost:8080/users/the_mighty_zork/statuses/01FCTA44PW9H1TB328S9AQXKDS");
            assertThat(Visibility.infer(boost.to(), boost.cc(), "http://localhost:8080/users/the_mighty_zork/followers",
                    List.of())).isEqualTo(Visibility.PRIVATE);
        }
    }

    @Nested
    class Pixelfed {
        @Test
        void imagePostWithHashtags() throws Exception {
            ParsedObject n = created("pixelfed/create-note-image.json");
            assertThat(n.hashtags()).containsExactly("streetphotography", "colorphotography");
            assertThat(n.media()).singleElement().satisfies(m -> {
                assertThat(m.type()).isEqualTo("image");
                assertThat(m.width()).isEqualTo(1620);
                assertThat(m.description()).startsWith("Stickers on the glass");
            });
            assertThat(n.contentHtml()).contains("class=\"u-url hashtag\"").doesNotContain("title=");
        }

        @Test
        void replyWithSingleTagObject() throws Exception {
            ParsedObject n = created("pixelfed/create-reply.json");
            assertThat(n.mentions()).containsExactly("https://gram.social/users/Alice");
            assertThat(n.inReplyTo()).isEqualTo("https://gram.social/p/Alice/650350850687790456");
            assertThat(n.contentHtml()).isEqualTo("Extra colours!");
        }

        @Test
        void announceWithCompactOffset() throws Exception {
            ParsedActivity boost = activity("pixelfed/announce.json");
            assertThat(boost.objectId()).isEqualTo("https://mastodonapp.uk/@damianward/111322877716364793");
            assertThat(boost.published()).isEqualTo(Instant.parse("2023-10-30T12:44:35Z"));
        }
    }

    @Nested
    class PeerTube {
        @Test
        void accountWithSeveralIcons() throws Exception {
            RemoteActor a = actor("peertube/actor-person.json");
            assertThat(a.username()).isEqualTo("thelinuxexperiment");
            assertThat(a.sharedInbox()).isEqualTo("https://tilvids.com/inbox");
            assertThat(a.avatarUrl()).endsWith("bdaa7218-ba3c-43ba-abd3-cfd081394c18.jpg"); // the 120px one
        }

        @Test
        void videoIsConverted() throws Exception {
            ParsedObject v = note("peertube/video.json");
            assertThat(v.type()).isEqualTo("Video");
            assertThat(v.attributedTo()).isEqualTo("https://tilvids.com/accounts/thelinuxexperiment");
            assertThat(v.url()).isEqualTo("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1");
            assertThat(text(v.contentHtml())).startsWith("Mesa, Wayland & X.org in trouble")
                    .endsWith("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1");
            assertThat(v.language()).isEqualTo("en");
        }

        @Test
        void channelAnnounce() throws Exception {
            ParsedActivity boost = activity("peertube/announce-video.json");
            assertThat(boost.actor()).isEqualTo("https://tilvids.com/video-channels/thelinuxexperiment_channel");
            assertThat(boost.objectId()).isEqualTo("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1");
        }
    }

    @Nested
    class Lemmy {
        @Test
        void personAndGroup() throws Exception {
            RemoteActor p = actor("lemmy/actor-person.json");
            assertThat(p.username()).isEqualTo("picard");
            assertThat(p.sharedInbox()).isEqualTo("https://enterprise.lemmy.ml/inbox");
            assertThat(p.followers()).isNull();
            assertThat(p.noteHtml()).isEqualTo("<p>Captain of the starship <strong>Enterprise</strong>.</p>");

            RemoteActor g = actor("lemmy/actor-group.json");
            assertThat(g.type()).isEqualTo("Group");
            assertThat(g.username()).isEqualTo("tenforward");
            assertThat(g.noteHtml()).doesNotContain("<hr");
        }

        @Test
        void pageIsConvertedAndCommentKeepsLanguage() throws Exception {
            ParsedObject page = note("lemmy/page.json");
            assertThat(page.type()).isEqualTo("Page");
            assertThat(page.contentHtml()).startsWith("<p>Post title</p>");
            assertThat(page.media()).isEmpty(); // a Link without mediaType is no media
            assertThat(page.mentions()).containsExactly("https://enterprise.lemmy.ml/c/tenforward");

            ParsedObject comment = note("lemmy/comment.json");
            assertThat(comment.contentHtml()).isEqualTo("<p>first comment!</p>");
            assertThat(comment.language()).isEqualTo("fr");
            assertThat(comment.updated()).isEqualTo(Instant.parse("2021-03-01T13:43:03.955787Z"));
        }

        @Test
        void votesFollowsDeletes() throws Exception {
            assertThat(activity("lemmy/like.json").objectId()).isEqualTo("http://ds9.lemmy.ml/comment/1");

            ParsedActivity undo = activity("lemmy/undo-follow.json");
            assertThat(undo.objectType()).isEqualTo("Follow");
            assertThat(ApJson.id(undo.object(), "object")).isEqualTo("http://enterprise.lemmy.ml/c/main");

            ParsedActivity accept = activity("lemmy/accept-follow.json");
            assertThat(accept.type()).isEqualTo("Accept");
            assertThat(accept.objectType()).isEqualTo("Follow");

            assertThat(activity("lemmy/delete-page.json").objectId()).isEqualTo("http://ds9.lemmy.ml/post/1");
        }
    }
}
