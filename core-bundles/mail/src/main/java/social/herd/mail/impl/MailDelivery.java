package social.herd.mail.impl;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import social.herd.api.jobs.Job;

/** Where built messages go: an SMTP relay or files. Implementations are thread-safe. */
interface MailDelivery {

    /** The session messages for this delivery are built in. */
    Session session();

    /** True when parts should stay 8bit (files); false lets Jakarta Mail choose (SMTP). */
    boolean eightBit();

    /**
     * Delivers {@code message}, which was built for {@code job} from template {@code template}.
     * Runs inside {@link MimeBuilder#withMailClassLoader}.
     *
     * @throws social.herd.api.jobs.PermanentJobFailure when the recipient was refused for good
     * @throws Exception                                 when a later attempt may succeed
     */
    void deliver(MimeMessage message, String template, Job job) throws Exception;

    /** Short description for logs and health, e.g. {@code smtp mail.example:587}; no secrets. */
    String describe();
}
