package social.herd.mail.impl;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import social.herd.api.mail.MailTemplateSource;

/**
 * The mail templates: for each template name and language a subject, a plain text part and an
 * optional HTML part, written in Mustache (jmustache).
 *
 * <p>Files are named {@code <name>.<lang>.subject}, {@code <name>.<lang>.txt} and
 * {@code <name>.<lang>.html}. They are looked up first in the override folder
 * ({@code <data_dir>/mail-templates/}), then in this bundle's {@code templates/} resources. A
 * language is chosen as a whole (the first of the recipient's language and English that has a
 * subject), so one mail never mixes languages. The site theme's templates (a
 * {@link MailTemplateSource}) come between the override folder and the built-in ones.
 *
 * <p>Values are HTML-escaped in the HTML part and left as they are in the subject and text part.
 * A template that names a value the model lacks fails rendering rather than sending a mail with a
 * hole where the link should be; sections ({@code {{#reason}}...{{/reason}}}) are optional.
 */
final class MailTemplates {

    /** The language every template exists in; the fallback for all others. */
    static final String FALLBACK_LANGUAGE = "en";

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final String RESOURCE_FOLDER = "templates/";

    // one compiler per escaping mode; jmustache compilers are immutable and thread-safe. The HTML
    // escaper handles the five characters that matter in element text and quoted attributes;
    // jmustache's default also escapes '=' and '`', which turns every link's query string into
    // "&#x3D;" soup (valid, but unreadable in the source and in tests that look for the link).
    private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(Escapers.simple(new String[][] {
        {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}}));
    private static final Mustache.Compiler PLAIN = Mustache.compiler().escapeHTML(false);

    private final Path overrideDir;
    private final ClassLoader resources;
    private final Supplier<MailTemplateSource> themed;
    private final Map<String, Optional<String>> builtIn = new ConcurrentHashMap<>();

    /**
     * @param overrideDir folder searched before the built-in templates; need not exist
     * @param resources   loader of this bundle's resources (the bundle class loader in OSGi)
     */
    MailTemplates(Path overrideDir, ClassLoader resources) {
        this(overrideDir, resources, () -> null);
    }

    /** @param themed the theme's templates now, or null when there are none */
    MailTemplates(Path overrideDir, ClassLoader resources, Supplier<MailTemplateSource> themed) {
        this.overrideDir = overrideDir;
        this.resources = resources;
        this.themed = themed;
    }

    /** True when {@code name} is a valid template name with at least an English subject and text. */
    boolean exists(String name) {
        return NAME.matcher(name).matches()
                && source(name, FALLBACK_LANGUAGE, "subject").isPresent()
                && source(name, FALLBACK_LANGUAGE, "txt").isPresent();
    }

    /**
     * Renders template {@code name} in the recipient's language, or English.
     *
     * @param model values for the template; the caller's values win over {@code defaults}
     * @throws TemplateException when the template is missing or names a value the model lacks
     */
    RenderedMail render(String name, Locale locale, Map<String, String> model, Map<String, String> defaults)
            throws TemplateException {
        if (!NAME.matcher(name).matches()) throw new TemplateException("invalid template name: " + name);
        String language = languageFor(name, locale)
                .orElseThrow(() -> new TemplateException("no template " + name));
        Map<String, String> values = new HashMap<>(defaults);
        values.putAll(model);
        String subject = render(PLAIN, name, language, "subject", values)
                .orElseThrow(() -> new TemplateException("no subject for template " + name));
        String text = render(PLAIN, name, language, "txt", values)
                .orElseThrow(() -> new TemplateException("no text part for template " + name));
        String html = render(HTML, name, language, "html", values).orElse(null);
        // a subject is one header line: folding whitespace and newlines from a template edit would
        // otherwise end up as broken headers
        return new RenderedMail(subject.strip().replaceAll("\\s+", " "), text, html, language);
    }

    private Optional<String> languageFor(String name, Locale locale) {
        List<String> candidates = new ArrayList<>(2);
        String wanted = locale.getLanguage().toLowerCase(Locale.ROOT);
        if (LANGUAGE.matcher(wanted).matches() && !wanted.equals(FALLBACK_LANGUAGE)) candidates.add(wanted);
        candidates.add(FALLBACK_LANGUAGE);
        return candidates.stream().filter(lang -> source(name, lang, "subject").isPresent()).findFirst();
    }

    private Optional<String> render(Mustache.Compiler compiler, String name, String language, String part,
            Map<String, String> values) throws TemplateException {
        Optional<String> source = source(name, language, part);
        if (source.isEmpty()) return Optional.empty();
        try {
            return Optional.of(compiler.compile(source.get()).execute(values));
        } catch (MustacheException e) {
            throw new TemplateException(name + "." + language + "." + part + ": " + e.getMessage());
        }
    }

    /** The template text: the override file if there is one, else the theme's, else the bundle resource. */
    private Optional<String> source(String name, String language, String part) {
        String file = name + "." + language + "." + part;
        Path override = overrideDir.resolve(file);
        if (Files.isRegularFile(override)) {
            // read every time (mail is rare), so an admin's edit applies without a restart
            try {
                return Optional.of(Files.readString(override, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mail template " + override, e);
            }
        }
        MailTemplateSource theme = themed.get();
        Optional<String> fromTheme = theme == null ? Optional.empty() : theme.template(file);
        return fromTheme.isPresent() ? fromTheme : builtIn.computeIfAbsent(file, this::resource);
    }

    private Optional<String> resource(String file) {
        try (InputStream in = resources.getResourceAsStream(RESOURCE_FOLDER + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled mail template " + file, e);
        }
    }

    /**
     * A rendered mail.
     *
     * @param subject  one line
     * @param text     the plain text part
     * @param html     the HTML part, or null when the template has none
     * @param language the language the templates were taken in
     */
    record RenderedMail(String subject, String text, String html, String language) {}

    /** A template is missing or does not fit the model: retrying the mail cannot help. */
    static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }
}
