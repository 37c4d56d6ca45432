package social.herd.accounts.impl;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import social.herd.api.federation.RemoteAccounts.Field;
import social.herd.api.federation.RemoteAccounts.RemoteActor;

/** Remote actors as federation would hand them over, and event counts, for the federation tests. */
final class Remote {

    private Remote() {}

    static final Instant PUBLISHED = Instant.parse("2020-01-02T03:04:05Z");

    /** A Person at {@code https://<domain>/users/<username>} with every endpoint, a key and one field. */
    static RemoteActor actor(String username, String domain) {
        String uri = "https://" + domain + "/users/" + username;
        return new RemoteActor(uri, username, domain, "Person", username + " at " + domain,
                "<p>Hello from <a href=\"https://" + domain + "\">" + domain + "</a></p>", "https://" + domain + "/@" + username,
                uri + "/inbox", "https://" + domain + "/inbox", uri + "/outbox", uri + "/followers", uri + "/following",
                uri + "/collections/featured", uri + "#main-key",
                "-----BEGIN PUBLIC KEY-----\nMIIB" + username + "\n-----END PUBLIC KEY-----\n",
                "https://files." + domain + "/avatars/" + username + ".png", null, false, true, true,
                List.of(new Field("Site", "<a href=\"https://" + domain + "\" rel=\"me\">" + domain + "</a>")), PUBLISHED,
                null);
    }

    /** A copy of {@code a} with some components changed, through a mutable view. */
    static RemoteActor with(RemoteActor a, UnaryOperator<Mutable> change) {
        return change.apply(new Mutable(a)).build();
    }

    /** The components tests change. */
    static final class Mutable {
        String uri;
        String displayName;
        String type;
        boolean locked;
        String keyId;
        String avatarUrl;
        String url;
        private final RemoteActor a;

        Mutable(RemoteActor a) {
            this.a = a;
            uri = a.uri();
            displayName = a.displayName();
            type = a.type();
            locked = a.locked();
            keyId = a.keyId();
            avatarUrl = a.avatarUrl();
            url = a.url();
        }

        Mutable uri(String v) { uri = v; return this; }
        Mutable displayName(String v) { displayName = v; return this; }
        Mutable type(String v) { type = v; return this; }
        Mutable locked(boolean v) { locked = v; return this; }
        Mutable keyId(String v) { keyId = v; return this; }
        Mutable avatarUrl(String v) { avatarUrl = v; return this; }
        Mutable url(String v) { url = v; return this; }

        RemoteActor build() {
            return new RemoteActor(uri, a.username(), a.domain(), type, displayName, a.noteHtml(), url, a.inbox(),
                    a.sharedInbox(), a.outbox(), a.followers(), a.following(), a.featured(), keyId, a.publicKeyPem(),
                    avatarUrl, a.headerUrl(), locked, a.discoverable(), a.indexable(), a.fields(), a.published(),
                    a.movedToUri());
        }
    }

    /** Published events of {@code type} between two accounts. */
    static long events(Fixture f, String type, long from, long to) {
        return f.count("SELECT count(*) FROM herd_jobs WHERE type = 'event.dispatch' AND payload LIKE '%\"type\":\"" + type
                + "\"%' AND payload LIKE '%\"account_id\":" + from + ",\"target_id\":" + to + "}%'");
    }

    /** Published events of {@code type} about one account. */
    static long events(Fixture f, String type, long accountId) {
        return f.count("SELECT count(*) FROM herd_jobs WHERE type = 'event.dispatch' AND payload LIKE '%\"type\":\"" + type
                + "\"%' AND payload LIKE '%\"data\":{\"account_id\":" + accountId + "}%'");
    }
}
