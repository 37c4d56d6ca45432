package social.herd.mail.impl;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Tx;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.api.mail.Mail;
import social.herd.api.mail.Mailer;

/**
 * {@link Mailer}: turns a mail into a {@value MailPayload#JOB_TYPE} job on the {@code mailers}
 * queue, in the caller's transaction. Nothing is rendered or sent here, inside the request: a
 * worker does that ({@link MailDeliveryComponent}), and only if the caller's transaction commits.
 *
 * <p>Mistakes a retry cannot fix (an unknown template, an address that is not one) are refused
 * here with {@link IllegalArgumentException}, so that they surface in the calling code's tests
 * rather than as dead jobs.
 */
@Component(service = Mailer.class)
public final class MailerComponent implements Mailer {

    /**
     * Attempts before a mail is given up: with the queue's default backoff (1 s doubling, capped at
     * an hour) they span about three hours, which rides out a relay's maintenance window while a
     * confirmation link is still worth receiving.
     */
    static final int MAX_ATTEMPTS = 14;

    private static final Logger LOG = LoggerFactory.getLogger(MailerComponent.class);

    private final JobQueue queue;
    private final MailTemplates templates;

    @Activate
    public MailerComponent(@Reference JobQueue queue, @Reference ServerSettings server) {
        this.queue = queue;
        this.templates = new MailTemplates(MailDeliveryComponent.overrideDir(server), MailerComponent.class.getClassLoader());
    }

    @Override
    public void send(Tx tx, Mail mail) {
        if (!templates.exists(mail.template())) throw new IllegalArgumentException("no mail template " + mail.template());
        try {
            new InternetAddress(mail.to(), true).validate();
        } catch (AddressException e) {
            // the message quotes the address: do not put it into the exception, which may be logged
            throw new IllegalArgumentException("not a mail address (template " + mail.template() + ")");
        }
        long id = queue.enqueue(tx, new JobRequest(Queues.MAILERS, MailPayload.JOB_TYPE,
                MailPayload.of(mail).toJson(), null, MAX_ATTEMPTS));
        LOG.debug("mail queued job={} template={} to={}", id, mail.template(), mail.to());
    }
}
