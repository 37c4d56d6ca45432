package social.herd.federation.impl.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.federation.ActorKeys;
import social.herd.federation.impl.LocalUris;
import social.herd.web.api.Json;

/**
 * Local accounts as ActivityPub actors, in Mastodon's shape: {@code Person} (or {@code Service}
 * for bots), {@code publicKey} {@code #main-key}, {@code endpoints.sharedInbox}, collections,
 * profile fields as {@code PropertyValue}s, avatar and header as {@code icon} and {@code image}.
 * The profile data comes from the accounts bundle's own API rendering, so both agree.
 */
public final class ActorRenderer {

    private final AccountDirectory accounts;
    private final ActorKeys keys;
    private final LocalUris uris;

    public ActorRenderer(AccountDirectory accounts, ActorKeys keys, LocalUris uris) {
        this.accounts = accounts;
        this.keys = keys;
        this.uris = uris;
    }

    /** The actor document of local {@code username}; empty for unknown or suspended accounts. */
    public Optional<Map<String, Object>> person(String username) {
        Optional<AccountSummary> found = accounts.localByUsername(username);
        if (found.isEmpty() || found.get().suspended()) return Optional.empty();
        AccountSummary a = found.get();
        Object entity = accounts.render(List.of(a.id())).get(a.id());
        Optional<String> pem = keys.publicKeyPem(a.id());
        if (entity == null || pem.isEmpty()) return Optional.empty();
        JsonNode e = Json.mapper().valueToTree(entity);
        String name = a.username();
        String id = uris.actor(name);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@context", Documents.CONTEXT);
        d.put("id", id);
        d.put("type", e.path("bot").asBoolean() ? "Service" : "Person");
        d.put("following", uris.following(name));
        d.put("followers", uris.followers(name));
        d.put("inbox", uris.inbox(name));
        d.put("outbox", uris.outbox(name));
        d.put("featured", uris.featured(name));
        d.put("featuredTags", uris.featuredTags(name));
        d.put("preferredUsername", name);
        d.put("name", e.path("display_name").asText(""));
        d.put("summary", e.path("note").asText(""));
        d.put("url", uris.profile(name));
        d.put("manuallyApprovesFollowers", e.path("locked").asBoolean());
        d.put("discoverable", e.path("discoverable").asBoolean());
        d.put("indexable", e.path("indexable").asBoolean());
        d.put("published", e.path("created_at").asText(null));
        d.put("memorial", false);
        d.put("publicKey", Map.of("id", uris.keyId(name), "owner", id, "publicKeyPem", pem.get()));
        d.put("tag", List.of());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (JsonNode f : e.path("fields")) {
            fields.add(Map.of("type", "PropertyValue", "name", f.path("name").asText(""), "value", f.path("value").asText("")));
        }
        d.put("attachment", fields);
        d.put("endpoints", Map.of("sharedInbox", uris.sharedInbox()));
        image(e.path("avatar").asText(null)).ifPresent(i -> d.put("icon", i));
        image(e.path("header").asText(null)).ifPresent(i -> d.put("image", i));
        List<String> aliases = accounts.alsoKnownAs(a.id());
        if (!aliases.isEmpty()) d.put("alsoKnownAs", aliases);
        JsonNode moved = e.path("moved");
        if (moved.isObject() && moved.hasNonNull("uri")) d.put("movedTo", moved.path("uri").asText());
        return Optional.of(d);
    }

    /** The instance actor ({@code Application}), which signs fetches made for the server itself. */
    public Map<String, Object> instanceActor() {
        String id = uris.instanceActor();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@context", Documents.CONTEXT);
        d.put("id", id);
        d.put("type", "Application");
        d.put("inbox", id + "/inbox");
        d.put("outbox", id + "/outbox");
        d.put("preferredUsername", uris.webDomain());
        d.put("url", uris.base() + "/about/more?instance_actor=true");
        d.put("manuallyApprovesFollowers", true);
        d.put("publicKey", Map.of("id", uris.instanceKeyId(), "owner", id, "publicKeyPem", keys.instancePublicKeyPem()));
        d.put("endpoints", Map.of("sharedInbox", uris.sharedInbox()));
        return d;
    }

    private static Optional<Map<String, Object>> image(String url) {
        // the default images are not the person's picture: Mastodon leaves icon/image out then
        if (url == null || url.endsWith("/missing.png")) return Optional.empty();
        String lower = url.toLowerCase();
        String type = lower.endsWith(".png") ? "image/png" : lower.endsWith(".gif") ? "image/gif"
                : lower.endsWith(".webp") ? "image/webp" : "image/jpeg";
        return Optional.of(Map.of("type", "Image", "mediaType", type, "url", url));
    }
}
