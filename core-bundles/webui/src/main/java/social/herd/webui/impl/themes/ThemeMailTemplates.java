package social.herd.webui.impl.themes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.mail.MailTemplateSource;
import social.herd.spi.theme.Themes;
import social.herd.webui.impl.render.SiteInfo;

/**
 * The site theme's mail templates ({@code theme/mail/<name>.<lang>.<subject|txt|html>}) for the
 * mail bundle. Mail follows the site theme the admin chose, not a visitor's own choice.
 */
@Component(service = MailTemplateSource.class)
public final class ThemeMailTemplates implements MailTemplateSource {

    private static final Pattern FILE = Pattern.compile("[a-z0-9_]{1,64}\\.[a-z]{2,3}\\.(subject|txt|html)");

    private final ThemeRegistry themes;
    private final SiteInfo site;

    @Activate
    public ThemeMailTemplates(@Reference ThemeRegistry themes, @Reference SiteInfo site) {
        this.themes = themes;
        this.site = site;
    }

    @Override
    public Optional<String> template(String file) {
        if (file == null || !FILE.matcher(file).matches()) return Optional.empty();
        URL url = themes.resolve(site.siteTheme()).entry(Themes.MAIL_TEMPLATES.substring(Themes.ROOT.length()) + file);
        if (url == null) return Optional.empty();
        try (InputStream in = url.openStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read theme mail template " + file, e);
        }
    }
}
