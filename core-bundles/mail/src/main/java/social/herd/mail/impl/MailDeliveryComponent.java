package social.herd.mail.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.config.ServerSettings;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.api.mail.Mail;
import social.herd.api.mail.MailTemplateSource;
import social.herd.mail.impl.MailTemplates.RenderedMail;
import social.herd.mail.impl.MailTemplates.TemplateException;
import social.herd.mail.impl.SmtpDelivery.MailDeliveryException;

/**
 * Runs {@value MailPayload#JOB_TYPE} jobs: renders the template and delivers the mail, to the SMTP
 * relay of PID {@value MailSettings#PID} or, without one, to files under {@code <data_dir>/mail}.
 * Also the health check {@code mail}: UP with files; with SMTP UP or DEGRADED by the outcome of the
 * last delivery, never DOWN, because Herd serves fine while mail waits in the queue.
 *
 * <p>A changed configuration re-creates the component (DS), so the next mail uses the new relay.
 */
@Component(service = {JobHandler.class, HealthCheck.class}, configurationPid = MailSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = JobHandler.TYPE + "=" + MailPayload.JOB_TYPE)
public final class MailDeliveryComponent implements JobHandler, HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MailDeliveryComponent.class);

    private final MailSettings settings;
    private final MailTemplates templates;
    private final Map<String, String> defaults;
    private final MailDelivery delivery; // null when the SMTP settings cannot be used
    private final String configError;
    private volatile String lastFailure; // null: the last delivery worked (or none happened yet)
    private volatile Instant lastFailureAt;

    /** The site theme's mail templates, when the web UI is installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailTemplateSource themed;

    @Activate
    public MailDeliveryComponent(@Reference ServerSettings server, Map<String, Object> properties) {
        this.settings = MailSettings.from(properties, server.localDomain());
        this.templates = new MailTemplates(overrideDir(server), MailDeliveryComponent.class.getClassLoader(), () -> themed);
        // values every template may use besides the caller's model
        this.defaults = Map.of("domain", server.localDomain(), "server_url", server.publicUrl().toString());
        MailDelivery chosen = null;
        String error = null;
        try {
            chosen = settings.smtp()
                    ? new SmtpDelivery(settings, server.publicUrl().getHost())
                    : new FileDelivery(server.dataDir().resolve("mail"));
        } catch (Exception e) {
            // e.g. an unreadable smtp_ca_file: keep the handler, so mails wait and retry until fixed
            error = "mail settings unusable (" + settings + "): " + e.getMessage();
            LOG.error("config {}: {}", MailSettings.PID, error);
        }
        this.delivery = chosen;
        this.configError = error;
        if (chosen != null) LOG.info("mail delivery: {}", chosen.describe());
    }

    /** Where admins put templates that replace the built-in ones (and the theme's). */
    static Path overrideDir(ServerSettings server) {
        return server.dataDir().resolve("mail-templates");
    }

    @Override
    public void handle(Job job) throws Exception {
        if (delivery == null) throw new MailDeliveryException(configError, null);
        Mail mail;
        try {
            mail = MailPayload.fromJson(job.payload()).toMail();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PermanentJobFailure("unreadable mail payload: " + e.getClass().getSimpleName());
        }
        InternetAddress to;
        try {
            to = new InternetAddress(mail.to(), true);
        } catch (AddressException e) {
            throw new PermanentJobFailure("not a mail address (template " + mail.template() + ")");
        }
        RenderedMail rendered;
        try {
            rendered = templates.render(mail.template(), mail.locale(), mail.model(), defaults);
        } catch (TemplateException e) {
            throw new PermanentJobFailure("mail template: " + e.getMessage());
        }
        try {
            MimeBuilder.withMailClassLoader(() -> {
                MimeMessage message = MimeBuilder.build(delivery.session(), rendered, settings.from(), to,
                        messageId(job), Instant.now(), delivery.eightBit());
                delivery.deliver(message, mail.template(), job);
                return null;
            });
            succeeded();
        } catch (PermanentJobFailure e) {
            succeeded(); // the relay answered: it is healthy, only this recipient is not
            throw e;
        } catch (Exception e) {
            failed(e.getMessage());
            throw e;
        }
    }

    /**
     * The same for every attempt of a job, so a mail sent twice (at-least-once) shows up as one
     * message in clients that de-duplicate by Message-ID.
     */
    private String messageId(Job job) {
        String address = settings.from().getAddress();
        return "<herd." + job.id() + "@" + address.substring(address.lastIndexOf('@') + 1) + ">";
    }

    private void succeeded() {
        if (lastFailure != null) LOG.info("mail delivery works again: {}", delivery.describe());
        lastFailure = null;
    }

    private void failed(String reason) {
        // log the change of state only; each failed job is already logged by the job engine
        if (lastFailure == null) LOG.warn("mail delivery failing: {}", reason);
        lastFailure = reason;
        lastFailureAt = Instant.now();
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public HealthStatus check() {
        if (delivery == null) return HealthStatus.degraded(configError);
        String failure = lastFailure;
        if (failure != null) return HealthStatus.degraded("last delivery failed at " + lastFailureAt + ": " + failure);
        return HealthStatus.up(delivery.describe());
    }
}
