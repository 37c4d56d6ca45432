package social.herd.mail.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.mail.impl.MailTemplates.RenderedMail;
import social.herd.mail.impl.MailTemplates.TemplateException;

class MailTemplatesTest {

    static final Map<String, String> DEFAULTS = Map.of("domain", "example.org", "server_url", "https://social.example.org");

    @TempDir Path overrides;

    private MailTemplates templates() {
        return new MailTemplates(overrides, MailTemplates.class.getClassLoader());
    }

    @Test
    void everyBuiltInTemplateRendersInEnglishAndGerman() throws Exception {
        for (String name : new String[] {"confirmation", "password_reset", "approved", "rejected"}) {
            assertThat(templates().exists(name)).as(name).isTrue();
            Map<String, String> model = Map.of("username", "ann", "link", "https://social.example.org/x?t=1");
            RenderedMail en = templates().render(name, Locale.ENGLISH, model, DEFAULTS);
            RenderedMail de = templates().render(name, Locale.GERMANY, model, DEFAULTS);
            assertThat(en.language()).isEqualTo("en");
            assertThat(de.language()).isEqualTo("de");
            assertThat(en.subject()).contains("example.org").doesNotContain("\n").isNotEqualTo(de.subject());
            assertThat(en.text()).startsWith("Hello ann,");
            assertThat(de.text()).startsWith("Hallo ann,");
            assertThat(en.html()).contains("<p>Hello ann,</p>");
        }
    }

    @Test
    void valuesAreEscapedInHtmlOnly() throws Exception {
        Map<String, String> model = Map.of("username", "<b>Ann & \"Co\"</b>", "link", "https://social.example.org/c?a=1&b=2");
        RenderedMail mail = templates().render("confirmation", Locale.ENGLISH, model, DEFAULTS);
        assertThat(mail.text()).contains("Hello <b>Ann & \"Co\"</b>,").contains("https://social.example.org/c?a=1&b=2");
        assertThat(mail.html()).contains("Hello &lt;b&gt;Ann &amp; &quot;Co&quot;&lt;/b&gt;,")
                .contains("href=\"https://social.example.org/c?a=1&amp;b=2\"")
                .doesNotContain("<b>Ann");
    }

    @Test
    void theThemesTemplatesComeBetweenTheAdminsOverridesAndTheBuiltInOnes() throws Exception {
        java.util.concurrent.atomic.AtomicReference<social.herd.api.mail.MailTemplateSource> theme = new java.util.concurrent.atomic.AtomicReference<>();
        MailTemplates t = new MailTemplates(overrides, MailTemplates.class.getClassLoader(), theme::get);
        Map<String, String> model = Map.of("username", "ann", "link", "https://social.example.org/x");
        assertThat(t.render("approved", Locale.ENGLISH, model, DEFAULTS).subject()).contains("has been approved");

        theme.set(file -> file.equals("approved.en.subject") ? java.util.Optional.of("Sunset welcomes {{username}}") : java.util.Optional.empty());
        RenderedMail themed = t.render("approved", Locale.ENGLISH, model, DEFAULTS);
        assertThat(themed.subject()).isEqualTo("Sunset welcomes ann");
        assertThat(themed.text()).as("parts the theme lacks stay built in").startsWith("Hello ann,");

        Files.writeString(overrides.resolve("approved.en.subject"), "Admin says hi to {{username}}");
        assertThat(t.render("approved", Locale.ENGLISH, model, DEFAULTS).subject()).isEqualTo("Admin says hi to ann");

        theme.set(null);
        Files.delete(overrides.resolve("approved.en.subject"));
        assertThat(t.render("approved", Locale.ENGLISH, model, DEFAULTS).subject()).contains("has been approved");
    }

    @Test
    void unknownLanguageFallsBackToEnglish() throws Exception {
        RenderedMail mail = templates().render("approved", Locale.FRENCH, Map.of("username", "ann"), DEFAULTS);
        assertThat(mail.language()).isEqualTo("en");
        assertThat(mail.subject()).isEqualTo("Your account on example.org has been approved");
        assertThat(mail.text()).contains("You can log in now.").doesNotContain("null");
    }

    @Test
    void optionalSectionsAppearOnlyWithTheirValue() throws Exception {
        RenderedMail without = templates().render("rejected", Locale.ENGLISH, Map.of("username", "ann"), DEFAULTS);
        RenderedMail with = templates().render("rejected", Locale.ENGLISH, Map.of("username", "ann", "reason", "spam"), DEFAULTS);
        assertThat(without.text()).doesNotContain("Reason");
        assertThat(with.text()).contains("Reason: spam");
    }

    @Test
    void overrideFolderWinsOverTheBundledTemplate() throws Exception {
        Files.writeString(overrides.resolve("confirmation.en.subject"), "Welcome to {{domain}},\n  {{username}}!\n");
        Files.writeString(overrides.resolve("confirmation.en.txt"), "Click {{link}}\n");
        RenderedMail mail = templates().render("confirmation", Locale.ENGLISH,
                Map.of("username", "ann", "link", "https://l"), DEFAULTS);
        assertThat(mail.subject()).isEqualTo("Welcome to example.org, ann!");
        assertThat(mail.text()).isEqualTo("Click https://l\n");
        assertThat(mail.html()).as("no override: the bundled HTML part").contains("Confirm my email address");
    }

    @Test
    void missingValueOrTemplateFails() {
        assertThatThrownBy(() -> templates().render("confirmation", Locale.ENGLISH, Map.of("username", "ann"), DEFAULTS))
                .isInstanceOf(TemplateException.class).hasMessageContaining("link");
        assertThatThrownBy(() -> templates().render("nope", Locale.ENGLISH, Map.of(), DEFAULTS))
                .isInstanceOf(TemplateException.class);
        assertThat(templates().exists("nope")).isFalse();
        assertThat(templates().exists("../confirmation")).isFalse();
    }
}
