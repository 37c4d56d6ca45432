package social.herd.federation.impl;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.api.config.ServerSettings;

/**
 * The ActivityPub ids this server publishes, Mastodon's layout: {@code /users/:name} for actors,
 * {@code /users/:name/statuses/:id} for posts, {@code /actor} for the instance actor. Ids are
 * built on the public URL (the web domain); handles use the local domain, which may differ.
 */
public final class LocalUris {

    private static final Pattern ACTOR = Pattern.compile("/users/([A-Za-z0-9_]+)");
    private static final Pattern STATUS = Pattern.compile("/users/([A-Za-z0-9_]+)/statuses/(\\d+)(/activity)?");

    private final String base;
    private final String webDomain;
    private final String localDomain;

    public LocalUris(String publicUrl, String webDomain, String localDomain) {
        this.base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.webDomain = webDomain;
        this.localDomain = localDomain;
    }

    public static LocalUris of(ServerSettings s) {
        return new LocalUris(s.publicUrl().toString(), s.webDomain(), s.localDomain());
    }

    public String base() { return base; }

    public String webDomain() { return webDomain; }

    /** The domain of handles ({@code @alice@localDomain}). */
    public String localDomain() { return localDomain; }

    public String actor(String username) { return base + "/users/" + username; }

    public String keyId(String username) { return actor(username) + "#main-key"; }

    public String inbox(String username) { return actor(username) + "/inbox"; }

    public String outbox(String username) { return actor(username) + "/outbox"; }

    public String followers(String username) { return actor(username) + "/followers"; }

    public String following(String username) { return actor(username) + "/following"; }

    public String featured(String username) { return actor(username) + "/collections/featured"; }

    public String featuredTags(String username) { return actor(username) + "/collections/tags"; }

    public String profile(String username) { return base + "/@" + username; }

    public String status(String username, long id) { return actor(username) + "/statuses/" + id; }

    public String statusPage(String username, long id) { return profile(username) + "/" + id; }

    public String sharedInbox() { return base + "/inbox"; }

    public String instanceActor() { return base + "/actor"; }

    public String instanceKeyId() { return instanceActor() + "#main-key"; }

    /** A fresh id for an activity that has no object of its own (Follow, Like, Undo, ...). */
    public String activity(String username, String kind, long id) {
        return actor(username) + "#" + kind + "/" + id;
    }

    /** Whether {@code uri} is on this server (its host is the web domain). */
    public boolean isLocal(String uri) {
        if (uri == null) return false;
        return uri.startsWith(base + "/") || uri.equals(base);
    }

    /** The local username an actor id names. */
    public Optional<String> usernameOf(String actorUri) {
        if (!isLocal(actorUri)) return Optional.empty();
        Matcher m = ACTOR.matcher(URI.create(actorUri).getRawPath());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The status id a local status uri names. */
    public Optional<Long> statusIdOf(String uri) {
        if (!isLocal(uri)) return Optional.empty();
        try {
            Matcher m = STATUS.matcher(URI.create(uri).getRawPath());
            return m.matches() ? Optional.of(Long.parseLong(m.group(2))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
