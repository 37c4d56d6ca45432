package social.herd.webui.impl.render;

import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.instance.InstanceInfo;
import social.herd.api.instance.InstanceOverrides;
import social.herd.web.api.Json;

/**
 * What every page says about the server: the instance entity of {@code /api/v1/instance} as a
 * map for the templates, and the admin's page-only settings (site theme, policies).
 */
@Component(service = SiteInfo.class)
public final class SiteInfo {

    private final InstanceInfo instance;
    private final InstanceOverrides overrides;

    @Activate
    public SiteInfo(@Reference InstanceInfo instance, @Reference InstanceOverrides overrides) {
        this.instance = instance;
        this.overrides = overrides;
    }

    /** Mastodon's v1 Instance entity as a map (snake_case keys), in the reader's language. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> describe(Locale locale) {
        return Json.mapper().convertValue(instance.describe(locale), Map.class);
    }

    public String title() {
        Object t = describe(Locale.ENGLISH).get("title");
        return t == null ? "Herd" : t.toString();
    }

    public String shortDescription() {
        Object t = describe(Locale.ENGLISH).get("short_description");
        return t == null ? "" : t.toString();
    }

    /** The site theme the admin chose, or null for the default. */
    public String siteTheme() {
        return overrides.setting("theme").orElse(null);
    }

    /** An admin's text for a page ({@code privacy_policy}, {@code terms_of_service}), or null. */
    public String text(String key) {
        return overrides.setting(key).orElse(null);
    }
}
