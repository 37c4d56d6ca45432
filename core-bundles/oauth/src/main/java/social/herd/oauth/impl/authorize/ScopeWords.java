package social.herd.oauth.impl.authorize;

import java.util.Map;

/** OAuth scopes in the words the consent page shows people (Mastodon's wording where it has one). */
final class ScopeWords {

    static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("read", "Read all your account's data"),
            Map.entry("write", "Modify all your account's data"),
            Map.entry("follow", "Modify account relationships"),
            Map.entry("push", "Receive your push notifications"),
            Map.entry("profile", "Read only your account's profile information"),
            Map.entry("admin:read", "Read all data on the server"),
            Map.entry("admin:write", "Modify all data on the server"));

    private ScopeWords() {}

    /** {@code read:statuses} becomes "Read your statuses"; unknown scopes are shown as they are. */
    static String describe(String scope) {
        String known = WORDS.get(scope);
        if (known != null) return known;
        int colon = scope.indexOf(':');
        if (colon > 0) {
            String verb = scope.substring(0, colon);
            String what = scope.substring(colon + 1).replace('_', ' ');
            if (verb.equals("read")) return "Read your " + what;
            if (verb.equals("write")) return "Change your " + what;
            if (verb.startsWith("admin")) return (verb.endsWith("read") ? "Read " : "Change ") + what + " on the server";
        }
        return scope;
    }
}
