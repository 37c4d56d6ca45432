package social.herd.webui.impl.render;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import social.herd.webui.impl.themes.ThemeRegistry.Theme;

/**
 * Finds a template in the theme's {@code theme/templates/} first and in this bundle's
 * {@code templates/} otherwise. A name starting {@code herd/} always means this bundle's own
 * template, so a theme's {@code layout.peb} can {@code extends "herd/layout.peb"} and override
 * single blocks instead of copying the whole page.
 */
final class ThemeLoader implements Loader<String> {

    static final String CORE = "herd/";

    private final Theme theme;
    private final ClassLoader core;

    ThemeLoader(Theme theme, ClassLoader core) {
        this.theme = theme;
        this.core = core;
    }

    @Override
    public Reader getReader(String name) {
        URL url = locate(name);
        if (url == null) throw new LoaderException(null, "No template " + name);
        try {
            InputStream in = url.openStream();
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LoaderException(e, "Cannot read template " + name);
        }
    }

    private URL locate(String name) {
        if (name == null || name.contains("..") || name.startsWith("/")) return null;
        if (name.startsWith(CORE)) return core.getResource("templates/" + name.substring(CORE.length()));
        URL themed = theme.entry("templates/" + name);
        return themed != null ? themed : core.getResource("templates/" + name);
    }

    @Override
    public void setCharset(String charset) {
        // always UTF-8
    }

    @Override
    public void setPrefix(String prefix) {
        // fixed folders
    }

    @Override
    public void setSuffix(String suffix) {
        // names carry their .peb
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return relativePath;
    }

    @Override
    public String createCacheKey(String templateName) {
        return templateName;
    }

    @Override
    public boolean resourceExists(String templateName) {
        return locate(templateName) != null;
    }
}
