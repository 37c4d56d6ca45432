package social.herd.oauth.impl.apps;

import java.util.List;

/** Mastodon's Application entities, as {@code /api/v1/apps} answers them. */
public final class ApplicationViews {

    private ApplicationViews() {}

    /**
     * CredentialApplication, answered once at registration: the only time the client secret is
     * ever shown (only its hash is kept). {@code vapid_key} is deprecated but older clients read it.
     */
    public record Credential(String id, String name, String website, List<String> scopes, String redirectUri,
                             List<String> redirectUris, String clientId, String clientSecret,
                             long clientSecretExpiresAt, String vapidKey) {}

    /** Application, from {@code verify_credentials}: no credentials in it. */
    public record Public(String id, String name, String website, List<String> scopes, String redirectUri,
                         List<String> redirectUris, String vapidKey) {}

    /** The registration answer, with the secret in clear this once. */
    public static Credential credential(Application app, String clientSecret) {
        return new Credential(Long.toString(app.id()), app.name(), app.website(), List.copyOf(app.scopes()),
                String.join("\n", app.redirectUris()), app.redirectUris(), app.clientId(), clientSecret, 0, "");
    }

    /** What a token's holder may see of its application. */
    public static Public of(Application app) {
        return new Public(Long.toString(app.id()), app.name(), app.website(), List.copyOf(app.scopes()),
                String.join("\n", app.redirectUris()), app.redirectUris(), "");
    }

}
