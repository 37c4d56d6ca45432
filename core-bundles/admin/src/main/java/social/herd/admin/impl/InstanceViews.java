package social.herd.admin.impl;

import java.util.List;
import java.util.Map;

/**
 * Mastodon's Instance entities (v1 and v2) as records; the web bundle's JSON setup renders the
 * camelCase components as snake_case.
 */
final class InstanceViews {

    private InstanceViews() {}

    /** {@code GET /api/v1/instance}. */
    record V1(String uri, String title, String shortDescription, String description, String email,
              String version, Map<String, String> urls, Stats stats, String thumbnail, List<String> languages,
              boolean registrations, boolean approvalRequired, boolean invitesEnabled,
              Configuration configuration, Object contactAccount, List<RuleView> rules) {

        V1 withRules(List<RuleView> current) {
            return new V1(uri, title, shortDescription, description, email, version, urls, stats, thumbnail, languages,
                    registrations, approvalRequired, invitesEnabled, configuration, contactAccount, current);
        }

        V1 withStats(Stats current) {
            return new V1(uri, title, shortDescription, description, email, version, urls, current, thumbnail, languages,
                    registrations, approvalRequired, invitesEnabled, configuration, contactAccount, rules);
        }
    }

    /** {@code GET /api/v2/instance}. */
    record V2(String domain, String title, String version, String sourceUrl, String description, Usage usage,
              Thumbnail thumbnail, List<Object> icon, List<String> languages, Configuration configuration,
              Registrations registrations, Map<String, Integer> apiVersions, Contact contact, List<RuleView> rules) {

        V2 withRules(List<RuleView> current) {
            return new V2(domain, title, version, sourceUrl, description, usage, thumbnail, icon, languages, configuration,
                    registrations, apiVersions, contact, current);
        }

        V2 withUsage(Usage current) {
            return new V2(domain, title, version, sourceUrl, description, current, thumbnail, icon, languages, configuration,
                    registrations, apiVersions, contact, rules);
        }
    }

    record Stats(long userCount, long statusCount, long domainCount) {}

    record Usage(Map<String, Long> users) {}

    record Thumbnail(String url) {}

    record Registrations(boolean enabled, boolean approvalRequired, String message, String url, boolean reasonRequired) {}

    record Contact(String email, Object account) {}

    record RuleView(String id, String text, String hint) {}

    /** The limits clients obey when composing; the same numbers the server enforces. */
    record Configuration(Map<String, Object> urls, Map<String, Object> accounts, Map<String, Object> statuses,
                         Map<String, Object> mediaAttachments, Map<String, Object> polls, Map<String, Object> translation,
                         Map<String, Object> vapid) {}
}
