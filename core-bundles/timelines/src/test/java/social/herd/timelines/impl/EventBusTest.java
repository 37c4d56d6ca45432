package social.herd.timelines.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.jobs.Job;
import social.herd.api.statuses.StatusFacts;

/**
 * The subscribers as the real event bus finds them: registered with the service properties of
 * their generated component descriptions, fed from the durable dispatch job a publisher's
 * transaction wrote.
 */
class EventBusTest {

    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture();
        f.bus.addSubscriber(f.subscriber, properties("social.herd.timelines.impl.NotificationSubscriber"));
        f.bus.addSubscriber(f.conversationSubscriber,
                properties("social.herd.timelines.impl.conversations.ConversationSubscriber"));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The name and event types bnd wrote into the component description. */
    static Map<String, Object> properties(String component) throws Exception {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/" + component + ".xml"));
        Matcher name = Pattern.compile("name=\"" + Pattern.quote(EventSubscriber.NAME) + "\" type=\"String\" value=\"([^\"]+)\"")
                .matcher(xml);
        Matcher types = Pattern.compile("name=\"" + Pattern.quote(EventSubscriber.TYPES) + "\" type=\"String\">([^<]+)<")
                .matcher(xml);
        assertThat(name.find()).as(xml).isTrue();
        assertThat(types.find()).as(xml).isTrue();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(EventSubscriber.NAME, name.group(1));
        props.put(EventSubscriber.TYPES, types.group(1).strip().split("\\s+"));
        return props;
    }

    /** Publishes in a transaction, then runs the dispatch jobs written so far, as a worker would. */
    void publishAndRun(Event event) throws Exception {
        f.db.transaction(tx -> {
            f.bus.publish(tx, event);
            return null;
        });
        List<Job> due = new ArrayList<>();
        f.db.transaction(tx -> {
            try (var s = tx.connection().prepareStatement("DELETE FROM herd_jobs WHERE type = 'event.dispatch'"
                    + " AND payload NOT LIKE '%notification.created%' AND payload NOT LIKE '%conversation.updated%'"
                    + " RETURNING id, type, payload")) {
                var rs = s.executeQuery();
                while (rs.next()) due.add(new Job(rs.getLong(1), "default", rs.getString(2), rs.getString(3), 1, Instant.now()));
            }
            return null;
        });
        for (Job job : due) f.bus.handle(job);
    }

    @Test
    void aPublishedMentionAndDirectMessageArriveThroughTheBus() throws Exception {
        long alice = f.directory.create("alice");
        long bob = f.directory.create("bob");
        StatusFacts dm = f.statuses.post(alice, "direct", null, List.of(bob));
        Event created = Publishers.created(dm);
        publishAndRun(created);
        publishAndRun(created);
        assertThat(f.count("SELECT count(*) FROM notifications WHERE type = 'mention' AND account_id = " + bob)).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM conversations WHERE account_id IN (" + alice + ", " + bob + ")"))
                .isEqualTo(2);
        assertThat(f.published(EventTypes.NOTIFICATION_CREATED)).hasSize(1);
        assertThat(f.published(EventTypes.CONVERSATION_UPDATED)).hasSize(2);
        // nothing failed: no separate redelivery was queued for either subscriber
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'event.deliver'")).isZero();
    }
}
