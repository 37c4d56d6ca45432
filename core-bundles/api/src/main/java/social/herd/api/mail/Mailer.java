package social.herd.api.mail;

import social.herd.api.db.Tx;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Queues mail. Nothing is sent inside the request: the mail becomes a job on the {@code mailers}
 * queue in the caller's transaction, and a worker renders and sends it (with retries).
 */
@ProviderType
public interface Mailer {

    /** Enqueues {@code mail} in {@code tx}; it is sent only if the transaction commits. */
    void send(Tx tx, Mail mail);
}
