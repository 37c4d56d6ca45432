package social.herd.itests.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer.Actor;
import social.herd.itests.federation.Peer;

/** Incoming posts for the filter tests: delivered by a fake remote server, found in the database. */
final class FilterPluginsTestSupport {

    private FilterPluginsTestSupport() {}

    /** Delivers a public Create of a Note by {@code from} mentioning {@code mentioned}; returns the note's id. */
    static String deliverNote(Peer herd, Actor from, String html, List<Peer.User> mentioned, String imageUrl) {
        String id = "http://" + from.host() + "/notes/" + UUID.randomUUID();
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", id);
        note.put("type", "Note");
        note.put("attributedTo", from.id());
        note.put("content", html);
        note.put("published", Instant.now().toString());
        note.put("to", List.of("https://www.w3.org/ns/activitystreams#Public"));
        List<String> cc = new ArrayList<>(List.of(from.id() + "/followers"));
        List<Map<String, String>> tags = new ArrayList<>();
        for (Peer.User u : mentioned) {
            String uri = herd.publicUrl + "/users/" + u.username;
            cc.add(uri);
            tags.add(Map.of("type", "Mention", "href", uri, "name", "@" + u.username + "@" + herd.domain()));
        }
        note.put("cc", cc);
        note.put("tag", tags);
        if (imageUrl != null) {
            note.put("attachment", List.of(Map.of("type", "Document", "mediaType", "image/png", "url", imageUrl, "name", "a picture")));
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("@context", "https://www.w3.org/ns/activitystreams");
        create.put("id", id + "/activity");
        create.put("type", "Create");
        create.put("actor", from.id());
        create.put("to", note.get("to"));
        create.put("cc", cc);
        create.put("object", note);
        herd.deliver(create, from);
        return id;
    }

    static Map<String, String> awaitStored(String db, String uri) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, String> row = stored(db, uri);
        while (row == null && System.nanoTime() < deadline) {
            Http.sleep(200);
            row = stored(db, uri);
        }
        assertThat(row).as("stored: " + uri).isNotNull();
        return row;
    }

    /** The stored post with {@code uri}, or null. */
    static Map<String, String> stored(String db, String uri) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT id::text, visibility, held::text, spoiler_text,"
                     + " remote_media::text, sensitive::text FROM statuses WHERE uri = ?")) {
            ps.setString(1, uri);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Map<String, String> row = new java.util.HashMap<>();
                row.put("id", rs.getString(1));
                row.put("visibility", rs.getString(2));
                row.put("held", rs.getString(3).substring(0, 1));
                row.put("spoiler_text", rs.getString(4));
                row.put("remote_media", rs.getString(5));
                row.put("sensitive", rs.getString(6).substring(0, 1));
                return row;
            }
        }
    }
}
