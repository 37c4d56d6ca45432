package social.herd.admin.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import social.herd.admin.impl.InstanceViews.Configuration;
import social.herd.admin.impl.InstanceViews.RuleView;
import social.herd.admin.impl.settings.AdminSettings;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.config.ServerSettings;
import social.herd.api.instance.InstanceInfo;
import social.herd.api.config.ServerSettings.Registrations;

/**
 * Builds what {@code /api/v1/instance}, {@code /api/v2/instance} and NodeInfo report. Title,
 * description and contact come from ConfigAdmin and change at runtime without a restart.
 */
@Component(service = {InstanceService.class, InstanceInfo.class}, configurationPid = InstanceSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = InstanceSettings.class)
public final class InstanceService implements InstanceInfo {

    /** The Mastodon API level Herd implements; clients such as Mastodon.py refuse newer endpoints. */
    static final String MASTODON_COMPATIBLE = "4.3.0";

    private final ServerSettings server;
    private final RuleRegistry rules;
    private final UsageCounts usage;
    private volatile InstanceSettings settings;
    /** Everything but the rules, rebuilt when the settings change rather than on every request. */
    private volatile InstanceViews.V1 v1;
    private volatile InstanceViews.V2 v2;

    private final AdminSettings overrides;
    private final AccountDirectory accounts;
    private volatile long builtFrom = -1;

    @Activate
    public InstanceService(@Reference ServerSettings server, @Reference RuleRegistry rules, @Reference UsageCounts usage,
                           @Reference AdminSettings overrides, @Reference AccountDirectory accounts, InstanceSettings settings) {
        this.server = server;
        this.rules = rules;
        this.usage = usage;
        this.overrides = overrides;
        this.accounts = accounts;
        modified(settings);
    }

    @Modified
    void modified(InstanceSettings changed) {
        this.settings = changed;
        this.builtFrom = -1;
    }

    /** Rebuilds the views when the configuration or an admin's override changed since the last build. */
    private void refresh() {
        long version = overrides.version();
        if (version == builtFrom) return;
        InstanceSettings s = settings;
        this.v1 = buildV1(s);
        this.v2 = buildV2(s);
        this.builtFrom = version;
    }

    /** An admin's override of {@code key}, else {@code fallback} from the configuration. */
    String setting(String key, String fallback) {
        return overrides.get(key).orElse(fallback);
    }

    private Registrations mode() {
        return overrides.registrations().orElse(server.registrations());
    }

    /** The contact account as a Mastodon Account entity, or null. */
    private Object contactAccount() {
        return overrides.get("contact_username").flatMap(u -> accounts.localByUsername(u.replaceFirst("^@", "")))
                .map(a -> accounts.render(List.of(a.id())).get(a.id())).orElse(null);
    }

    /** e.g. {@code 4.3.0 (compatible; Herd 0.1.0)}. */
    String version() {
        return MASTODON_COMPATIBLE + " (compatible; Herd " + server.version() + ")";
    }

    /** Rules are asked of the providers on every read: a plugin may change them at any time. */
    InstanceViews.V1 v1(Locale locale) {
        refresh();
        UsageCounts.Figures f = usage.figures();
        return v1.withRules(rules(locale)).withStats(new InstanceViews.Stats(f.users(), f.localPosts(), 0));
    }

    @Override
    public Object describe(Locale locale) {
        return v1(locale);
    }

    InstanceViews.V2 v2(Locale locale) {
        refresh();
        return v2.withRules(rules(locale)).withUsage(new InstanceViews.Usage(Map.of("active_month", usage.figures().activeMonth())));
    }

    private InstanceViews.V1 buildV1(InstanceSettings s) {
        Registrations mode = mode();
        String shortDescription = setting("short_description", s.description());
        return new InstanceViews.V1(server.localDomain(), setting("title", s.title()), shortDescription,
                setting("extended_description", shortDescription), setting("contact_email", s.contact_email()),
                version(), Map.of("streaming_api", streamingUrl()), new InstanceViews.Stats(0, 0, 0),
                overrides.get("thumbnail_url").orElse(null), List.of("en"), mode != Registrations.CLOSED,
                mode == Registrations.APPROVAL, false, configuration(), contactAccount(), List.of());
    }

    private InstanceViews.V2 buildV2(InstanceSettings s) {
        Registrations mode = mode();
        return new InstanceViews.V2(server.localDomain(), setting("title", s.title()), version(), server.publicUrl() + "/about",
                setting("short_description", s.description()), new InstanceViews.Usage(Map.of("active_month", 0L)),
                new InstanceViews.Thumbnail(setting("thumbnail_url", server.publicUrl() + "/favicon.png")), List.of(),
                List.of("en"), configuration(),
                new InstanceViews.Registrations(mode != Registrations.CLOSED, mode == Registrations.APPROVAL, null, null,
                        mode == Registrations.APPROVAL),
                Map.of("mastodon", 2), new InstanceViews.Contact(setting("contact_email", s.contact_email()), contactAccount()),
                List.of());
    }

    List<RuleView> rules(Locale locale) {
        return rules.current(locale).stream().map(r -> new RuleView(r.id(), r.text(), r.hint())).toList();
    }

    String title() {
        return setting("title", settings.title());
    }

    String description() {
        return setting("short_description", settings.description());
    }

    ServerSettings server() {
        return server;
    }

    private String streamingUrl() {
        return server.publicUrl().toString().replaceFirst("^http", "ws");
    }

    private Configuration configuration() {
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("streaming", streamingUrl());
        urls.put("status", null);
        urls.put("about", server.publicUrl() + "/about");
        urls.put("privacy_policy", server.publicUrl() + "/privacy-policy");
        urls.put("terms_of_service", null);
        return new Configuration(urls,
                Map.of("max_featured_tags", 10, "max_pinned_statuses", 5),
                Map.of("max_characters", 500, "max_media_attachments", 4, "characters_reserved_per_url", 23),
                Map.of("supported_mime_types", List.of("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4",
                                "video/webm", "video/quicktime", "audio/mpeg", "audio/ogg", "audio/wav", "audio/flac"),
                        "description_limit", 1500, "image_size_limit", 16777216, "image_matrix_limit", 33177600,
                        "video_size_limit", 41943040, "video_frame_rate_limit", 120, "video_matrix_limit", 8294400),
                Map.of("max_options", 4, "max_characters_per_option", 50, "min_expiration", 300, "max_expiration", 2629746),
                Map.of("enabled", false),
                Map.of("public_key", ""));
    }
}
