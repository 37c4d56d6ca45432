package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import social.herd.api.federation.RemoteAccounts.Field;
import social.herd.api.federation.RemoteAccounts.RemoteActor;

/**
 * Reads an actor document (Person, Service, Application, Group, Organization) into a
 * {@link RemoteActor}, the way Mastodon's {@code ActivityPub::ProcessAccountService} reads one.
 *
 * <p>Refuses documents that cannot be an account: another type, no id, no inbox, no
 * preferredUsername, and (anti-spoofing) an id whose host is not the host the document was fetched
 * from, so that a server cannot publish an actor in another server's name. Everything else is
 * optional and read tolerantly (see {@link ApJson}).
 */
public final class ActorParser {

    /** The actor types Mastodon accepts as accounts. */
    public static final Set<String> ACTOR_TYPES = Set.of("Person", "Service", "Application", "Group", "Organization");

    /** Mastodon keeps at most this many profile fields of a remote account. */
    static final int MAX_FIELDS = 50;

    private ActorParser() {}

    /**
     * @param document the actor as fetched (or as embedded in an activity from its own server)
     * @param fetchedFromHost the host the document came from (after redirects), with or without port
     * @throws ActivityFormatException when the document is not a usable actor of that host
     */
    public static RemoteActor parse(JsonNode document, String fetchedFromHost) throws ActivityFormatException {
        if (document == null || !document.isObject()) {
            throw new ActivityFormatException("actor document is not a JSON object");
        }
        String type = ApJson.types(document).stream().filter(ACTOR_TYPES::contains).findFirst()
                .orElseThrow(() -> new ActivityFormatException("not an actor: type " + ApJson.types(document)));
        String uri = ApJson.text(document, "id");
        if (!ApJson.isHttpUri(uri)) {
            throw new ActivityFormatException("actor has no http(s) id");
        }
        // the authority, port included: on one host, another port is another server (and the
        // handle domain, user@host:port, must say which)
        String domain = authority(uri);
        String expected = fetchedFromHost == null ? null
                : fetchedFromHost.contains("://") ? authority(fetchedFromHost)
                : fetchedFromHost.strip().toLowerCase(Locale.ROOT).replaceFirst(":(443|80)$", "");
        if (expected == null || !expected.equals(domain)) {
            throw new ActivityFormatException("actor id host " + domain + " differs from the host it was fetched from, "
                    + fetchedFromHost);
        }
        String inbox = ApJson.id(document, "inbox");
        if (inbox == null) {
            throw new ActivityFormatException("actor " + uri + " has no inbox");
        }
        String username = ApJson.nonBlank(document, "preferredUsername");
        if (username == null) {
            throw new ActivityFormatException("actor " + uri + " has no preferredUsername");
        }
        // Misskey also publishes sharedInbox at the top level; endpoints.sharedInbox is the standard place
        String sharedInbox = ApJson.id(ApJson.field(document, "endpoints"), "sharedInbox");
        if (sharedInbox == null) {
            sharedInbox = ApJson.id(document, "sharedInbox");
        }
        JsonNode key = publicKey(document, uri);
        String displayName = ApJson.text(document, "name");
        String summary = ApJson.text(document, "summary");
        return new RemoteActor(uri, username.strip(), domain, type,
                displayName == null ? null : HtmlSanitizer.toPlainText(displayName),
                summary == null ? null : HtmlSanitizer.sanitize(summary),
                ApJson.url(ApJson.field(document, "url"), "text/html"),
                inbox, sharedInbox,
                ApJson.id(document, "outbox"), ApJson.id(document, "followers"), ApJson.id(document, "following"),
                ApJson.id(document, "featured"),
                key == null ? null : ApJson.text(key, "id"),
                key == null ? null : ApJson.text(key, "publicKeyPem"),
                imageUrl(document, "icon"), imageUrl(document, "image"),
                ApJson.bool(document, "manuallyApprovesFollowers", false),
                ApJson.bool(document, "discoverable", false),
                ApJson.bool(document, "indexable", false),
                fields(document), ApJson.instant(document, "published"),
                ApJson.id(document, "movedTo"));
    }

    /**
     * The actor's signing key: {@code publicKey} may be one object or an array (servers that
     * publish several keys). Keys owned by someone else are ignored; among the rest the one whose
     * id ends in {@code #main-key} (Mastodon's convention) wins, else the first. A key without
     * {@code owner} is accepted (the actor document vouches for it).
     */
    static JsonNode publicKey(JsonNode document, String actorUri) {
        JsonNode chosen = null;
        for (JsonNode key : ApJson.list(document, "publicKey")) {
            if (!key.isObject() || ApJson.nonBlank(key, "publicKeyPem") == null || ApJson.text(key, "id") == null) {
                continue;
            }
            String owner = ApJson.id(key, "owner");
            if (owner != null && !owner.equals(actorUri)) {
                continue;
            }
            if (ApJson.text(key, "id").endsWith("#main-key")) {
                return key;
            }
            if (chosen == null) {
                chosen = key;
            }
        }
        return chosen;
    }

    /**
     * The URL of {@code icon} or {@code image}: an Image object (or an array of them, PeerTube sends
     * several sizes) whose {@code url} is a string or a Link; a bare URL string is accepted too.
     * Among several images the widest is taken, so that avatars are not 48-pixel thumbnails.
     */
    static String imageUrl(JsonNode document, String field) {
        JsonNode best = null;
        int bestWidth = -1;
        for (JsonNode image : ApJson.list(document, field)) {
            int width = image.isObject() && ApJson.integer(image, "width") != null ? ApJson.integer(image, "width") : 0;
            if (best == null || width > bestWidth) {
                best = image;
                bestWidth = width;
            }
        }
        return best == null ? null : ApJson.url(best, null);
    }

    /** {@code attachment} entries of type PropertyValue: names as text, values as sanitised HTML. */
    static List<Field> fields(JsonNode document) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode attachment : ApJson.list(document, "attachment")) {
            if (fields.size() == MAX_FIELDS) {
                break;
            }
            if (!attachment.isObject() || !ApJson.hasType(attachment, "PropertyValue")) {
                continue; // e.g. Vernissage/WordPress Link attachments, Misskey-only types
            }
            String name = ApJson.text(attachment, "name");
            String value = ApJson.text(attachment, "value");
            if (name == null || name.isBlank()) {
                continue;
            }
            fields.add(new Field(HtmlSanitizer.toPlainText(name), HtmlSanitizer.sanitize(value)));
        }
        return fields;
    }

    private static String authority(String uri) {
        try {
            java.net.URI u = java.net.URI.create(uri.strip());
            String host = u.getHost();
            if (host == null) return null;
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
            int port = u.getPort();
            boolean defaultPort = port == -1 || (port == 443 && "https".equals(u.getScheme()))
                    || (port == 80 && "http".equals(u.getScheme()));
            return defaultPort ? host : host + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hostOnly(String hostOrAuthority) {
        if (hostOrAuthority == null || hostOrAuthority.isBlank()) {
            return null;
        }
        String host = hostOrAuthority.trim().toLowerCase(Locale.ROOT);
        if (host.contains("://")) {
            return ApJson.host(host);
        }
        if (host.startsWith("[")) { // IPv6 literal, maybe with a port
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
