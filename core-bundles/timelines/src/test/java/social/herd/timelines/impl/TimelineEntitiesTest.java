package social.herd.timelines.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.timelines.impl.Publishers.created;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.statuses.StatusFacts;
import social.herd.web.api.Json;

/** The entities the streaming bundle pushes: only to their owner, and not once dismissed. */
class TimelineEntitiesTest {

    static Fixture f;
    static TimelineEntitiesComponent entities;

    @BeforeAll
    static void start() {
        f = new Fixture();
        entities = new TimelineEntitiesComponent(f.queries, f.conversations);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aNotificationRendersForItsRecipientOnlyUntilDismissed() {
        long author = f.directory.create("streamauthor");
        long bob = f.directory.create("streambob");
        StatusFacts s = f.statuses.post(author, bob);
        f.deliver(created(s));
        long id = f.count("SELECT id FROM notifications WHERE account_id = " + bob);
        JsonNode n = Json.mapper().valueToTree(entities.notification(bob, id).orElseThrow());
        assertThat(n.get("type").asText()).isEqualTo("mention");
        assertThat(n.get("status").get("id").asText()).isEqualTo(Long.toString(s.id()));
        assertThat(entities.notification(author, id)).as("someone else's notification").isEmpty();
        f.queries.dismiss(bob, id);
        assertThat(entities.notification(bob, id)).isEmpty();
    }

    @Test
    void aConversationRendersForItsParticipant() {
        long author = f.directory.create("dmauthor");
        long bob = f.directory.create("dmbob");
        StatusFacts dm = f.statuses.post(author, "direct", null, java.util.List.of(bob));
        f.deliver(created(dm));
        long id = f.count("SELECT id FROM conversations WHERE account_id = " + bob);
        JsonNode c = Json.mapper().valueToTree(entities.conversation(bob, id).orElseThrow());
        assertThat(c.get("unread").asBoolean()).isTrue();
        assertThat(c.get("last_status").get("id").asText()).isEqualTo(Long.toString(dm.id()));
        assertThat(entities.conversation(f.directory.create("dmstranger"), id)).isEmpty();
    }
}
