package social.herd.spi.theme;

/**
 * The contract of a theme bundle. Themes are resource-only bundles (no code), found by the web
 * front through their manifest:
 *
 * <pre>
 * Bundle-SymbolicName: social.herd.theme.dark
 * Herd-Theme: dark
 * Herd-Theme-Title: Dark
 * Require-Capability: herd.spi;filter:="(&amp;(herd.spi=theme)(version&gt;=1.0.0)(!(version&gt;=2.0.0)))"
 * </pre>
 *
 * <p>and their resources under {@value #ROOT}: {@value #STYLESHEET} (loaded after the base
 * stylesheet; it sets the CSS custom properties listed in {@code themes/README.md}), optional
 * images beside it, optional page template overrides under {@value #TEMPLATES} and mail template
 * overrides under {@value #MAIL_TEMPLATES}. Removing the active theme falls back to the default.
 */
public final class Themes {

    /** Manifest header naming the theme ({@code [a-z0-9-]+}); its presence makes a bundle a theme. */
    public static final String HEADER = "Herd-Theme";
    /** Manifest header with the theme's human title. */
    public static final String TITLE_HEADER = "Herd-Theme-Title";
    /** Folder in the bundle holding everything of the theme. */
    public static final String ROOT = "theme/";
    /** The theme's stylesheet. */
    public static final String STYLESHEET = "theme/theme.css";
    /** Folder of page template overrides. */
    public static final String TEMPLATES = "theme/templates/";
    /** Folder of mail template overrides. */
    public static final String MAIL_TEMPLATES = "theme/mail/";

    private Themes() {}
}
