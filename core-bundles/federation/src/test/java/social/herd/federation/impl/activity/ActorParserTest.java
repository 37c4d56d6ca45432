package social.herd.federation.impl.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import social.herd.api.federation.RemoteAccounts.RemoteActor;

class ActorParserTest {

    private static ObjectNode mastodonActor() {
        return (ObjectNode) Corpus.load("mastodon/actor-person.json").deepCopy();
    }

    @Test
    void actorServedByAnotherHostIsRefused() {
        assertThatThrownBy(() -> ActorParser.parse(mastodonActor(), "evil.example"))
                .isInstanceOf(ActivityFormatException.class).hasMessageContaining("evil.example");
        // a look-alike suffix is another host too
        assertThatThrownBy(() -> ActorParser.parse(mastodonActor(), "qa.urbanwildlife.biz"))
                .isInstanceOf(ActivityFormatException.class);
    }

    @Test
    void hostComparisonIgnoresCaseAndDefaultPortsButNotOtherPorts() throws Exception {
        assertThat(ActorParser.parse(mastodonActor(), "Masto.QA.urbanwildlife.biz:443").username()).isEqualTo("mastodon");
        JsonNode gts = Corpus.load("gotosocial/actor-fields.json");
        // another port on the same host is another server: its handles say which
        assertThat(ActorParser.parse(gts, "localhost:8080").domain()).isEqualTo("localhost:8080");
        assertThatThrownBy(() -> ActorParser.parse(gts, "localhost:8081")).isInstanceOf(ActivityFormatException.class);
    }

    @Test
    void notAnActor() {
        assertThatThrownBy(() -> ActorParser.parse(Corpus.load("mastodon/note-reply.json"), "mastodon.madrid"))
                .isInstanceOf(ActivityFormatException.class).hasMessageContaining("not an actor");
        assertThatThrownBy(() -> ActorParser.parse(null, "x.example")).isInstanceOf(ActivityFormatException.class);
    }

    @Test
    void requiredFields() {
        ObjectNode noInbox = mastodonActor();
        noInbox.remove("inbox");
        assertThatThrownBy(() -> ActorParser.parse(noInbox, "masto.qa.urbanwildlife.biz"))
                .isInstanceOf(ActivityFormatException.class).hasMessageContaining("inbox");
        ObjectNode noUsername = mastodonActor();
        noUsername.put("preferredUsername", " ");
        assertThatThrownBy(() -> ActorParser.parse(noUsername, "masto.qa.urbanwildlife.biz"))
                .isInstanceOf(ActivityFormatException.class).hasMessageContaining("preferredUsername");
        ObjectNode noId = mastodonActor();
        noId.remove("id");
        assertThatThrownBy(() -> ActorParser.parse(noId, "masto.qa.urbanwildlife.biz"))
                .isInstanceOf(ActivityFormatException.class);
    }

    @Test
    void publicKeyArrayPicksTheOwnedMainKey() throws Exception {
        ObjectNode actor = mastodonActor();
        String id = actor.get("id").asText();
        var keys = actor.putArray("publicKey");
        keys.addObject().put("id", "https://elsewhere.example/users/x#main-key").put("owner", "https://elsewhere.example/users/x")
                .put("publicKeyPem", "FOREIGN");
        keys.addObject().put("id", id + "#other").put("owner", id).put("publicKeyPem", "OTHER");
        keys.addObject().put("id", id + "#main-key").put("owner", id).put("publicKeyPem", "MAIN");
        RemoteActor parsed = ActorParser.parse(actor, "masto.qa.urbanwildlife.biz");
        assertThat(parsed.keyId()).isEqualTo(id + "#main-key");
        assertThat(parsed.publicKeyPem()).isEqualTo("MAIN");
    }

    @Test
    void tolerantShapes() throws Exception {
        ObjectNode actor = mastodonActor();
        actor.putArray("type").add("Person").add("https://example.org/ns#Thing");
        actor.putObject("url").put("type", "Link").put("href", "https://masto.qa.urbanwildlife.biz/@m");
        actor.putObject("icon").put("type", "Image").putObject("url").put("type", "Link").put("href", "https://cdn.example/a.png");
        actor.put("summary", "<p onclick=\"x()\">hi<script>bad()</script></p>");
        actor.put("name", "<b>Bold</b> &amp; brave");
        actor.put("movedTo", "https://new.example/users/m");
        RemoteActor parsed = ActorParser.parse(actor, "masto.qa.urbanwildlife.biz");
        assertThat(parsed.url()).isEqualTo("https://masto.qa.urbanwildlife.biz/@m");
        assertThat(parsed.avatarUrl()).isEqualTo("https://cdn.example/a.png");
        assertThat(parsed.noteHtml()).isEqualTo("<p>hi</p>");
        assertThat(parsed.displayName()).isEqualTo("Bold & brave");
        assertThat(parsed.movedToUri()).isEqualTo("https://new.example/users/m");
    }
}
