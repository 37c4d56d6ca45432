package social.herd.mail.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import social.herd.api.mail.Mail;

/**
 * The JSON payload of a {@value #JOB_TYPE} job: the {@link Mail} as the caller handed it over.
 * Rendering happens in the worker, so a template fixed while a mail waits for a retry is used.
 *
 * @param to       recipient address
 * @param template template name
 * @param locale   BCP 47 language tag, e.g. {@code de-DE}
 * @param model    template values
 */
record MailPayload(String to, String template, String locale, Map<String, String> model) {

    /** The job type of mail jobs on the {@code mailers} queue. */
    static final String JOB_TYPE = "mail.send";

    // unknown fields are tolerated so that an older worker still sends mails a newer node enqueued
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static MailPayload of(Mail mail) {
        return new MailPayload(mail.to(), mail.template(), mail.locale().toLanguageTag(), mail.model());
    }

    Mail toMail() {
        return new Mail(to, template, locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale),
                model == null ? Map.of() : model);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail payload not serialisable", e);
        }
    }

    /** Parses a payload; {@link JsonProcessingException} means the job can never succeed. */
    static MailPayload fromJson(String json) throws JsonProcessingException {
        MailPayload p = JSON.readValue(json, MailPayload.class);
        if (p.to() == null || p.template() == null) throw new IllegalArgumentException("mail payload without to or template");
        return p;
    }
}
