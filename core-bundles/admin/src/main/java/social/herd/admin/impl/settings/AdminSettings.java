package social.herd.admin.impl.settings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.instance.InstanceOverrides;
import social.herd.web.api.ApiException;

/**
 * The instance settings admins change at runtime: title, short and extended description, contact
 * account and e-mail, registration mode, privacy policy, terms of service and thumbnail. They live
 * in {@code admin_settings} (every node reads the same), are cached for a few seconds per node
 * (at once on the node that wrote), and override the configuration file.
 */
@Component(service = {AdminSettings.class, InstanceOverrides.class})
public final class AdminSettings implements InstanceOverrides {

    static final Duration TTL = Duration.ofSeconds(5);
    static final Set<String> KEYS = Set.of("title", "short_description", "extended_description", "contact_username",
            "contact_email", "registrations_mode", "privacy_policy", "terms_of_service", "thumbnail_url",
            "theme", "favicon");
    static final Map<String, Integer> LIMITS = Map.of("title", 200, "short_description", 2_000, "contact_email", 320,
            "contact_username", 100, "registrations_mode", 20, "thumbnail_url", 2_000,
            "theme", 40, "favicon", 40);
    private static final Logger LOG = LoggerFactory.getLogger(AdminSettings.class);

    private final Database db;
    private final AccountDirectory accounts;
    private volatile Map<String, String> cached = Map.of();
    private volatile long loadedAt;
    private volatile boolean stale = true;
    private volatile long version;

    @Activate
    public AdminSettings(@Reference Database db, @Reference AccountDirectory accounts,
                         @Reference(target = "(herd.schema=social.herd.admin)") SchemaReady schema) {
        this.db = db;
        this.accounts = accounts;
    }

    /** The current overrides (key to value); absent keys use the configuration. */
    public Map<String, String> current() {
        long now = System.nanoTime();
        if (stale || now - loadedAt > TTL.toNanos()) {
            Map<String, String> fresh = new HashMap<>();
            for (SettingsMapper.Setting s : db.read(tx -> tx.mapper(SettingsMapper.class).all())) fresh.put(s.key(), s.value());
            if (!fresh.equals(cached)) version++;
            cached = Map.copyOf(fresh);
            loadedAt = now;
            stale = false;
        }
        return cached;
    }

    /** Changes with every change of {@link #current()}, so views built from it can be cached. */
    public long version() {
        current();
        return version;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(current().get(key));
    }

    @Override
    public Optional<String> setting(String key) {
        return get(key);
    }

    @Override
    public Optional<Registrations> registrations() {
        return get("registrations_mode").map(m -> switch (m) {
            case "approved" -> Registrations.APPROVAL;
            case "none" -> Registrations.CLOSED;
            default -> Registrations.OPEN;
        });
    }

    /**
     * Applies the given settings (only known keys; an empty value removes the override), all or
     * none: 422 for an unknown key, a bad mode, a contact who is not a local account, or text
     * over its limit.
     */
    public void update(Map<String, String> changes) {
        for (Map.Entry<String, String> e : changes.entrySet()) check(e.getKey(), e.getValue());
        db.transaction(tx -> {
            SettingsMapper m = tx.mapper(SettingsMapper.class);
            for (Map.Entry<String, String> e : changes.entrySet()) {
                if (e.getValue() == null || e.getValue().isBlank()) m.remove(e.getKey());
                else m.put(e.getKey(), e.getKey().equals("registrations_mode")
                        ? e.getValue().strip().toLowerCase(Locale.ROOT) : e.getValue().strip());
            }
            return null;
        });
        stale = true;
        LOG.info("instance settings changed keys={}", List.copyOf(changes.keySet()));
    }

    private void check(String key, String value) {
        if (!KEYS.contains(key)) throw ApiException.unprocessable("Unknown setting: " + key);
        if (value == null || value.isBlank()) return;
        int limit = LIMITS.getOrDefault(key, 100_000);
        if (value.length() > limit) throw ApiException.unprocessable(key + " is too long (at most " + limit + " characters)");
        switch (key) {
            case "registrations_mode" -> {
                if (!Set.of("open", "approved", "none").contains(value.strip().toLowerCase(Locale.ROOT))) {
                    throw ApiException.unprocessable("registrations_mode must be open, approved or none");
                }
            }
            case "contact_username" -> {
                if (accounts.localByUsername(value.strip().replaceFirst("^@", "")).isEmpty()) {
                    throw ApiException.unprocessable("contact_username must be a local account");
                }
            }
            case "contact_email" -> {
                if (!value.strip().matches("[^@\\s]+@[^@\\s]+")) throw ApiException.unprocessable("contact_email is not an e-mail address");
            }
            case "thumbnail_url" -> {
                if (!value.strip().matches("https?://\\S+")) throw ApiException.unprocessable("thumbnail_url must be an http(s) URL");
            }
            case "theme", "favicon" -> {
                // Names only: a theme or favicon set that is not installed yet may be chosen ahead
                // of its upload, and the web front falls back to the default while it is missing.
                if (!value.strip().matches("[a-z0-9-]{1,40}")) throw ApiException.unprocessable(key + " must be a name of a-z, 0-9 and -");
            }
            default -> { }
        }
    }
}
