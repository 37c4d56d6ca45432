package social.herd.mail.impl;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.mail.impl.MailSettings.Tls;

/**
 * Sends through an SMTP relay with Jakarta Mail (Angus Mail): plain, STARTTLS (required, so a
 * relay that stops offering it is an error rather than a silent downgrade) or implicit TLS, with
 * optional authentication. One connection per mail: mail is rare (sign-ups, password resets), and
 * a pooled connection would only add idle-timeout handling.
 *
 * <p>Failures are split by whether retrying can help: a 5xx reply to RCPT TO means the relay
 * refused this recipient for good ({@link PermanentJobFailure}); anything else (no connection,
 * timeouts, 4xx, failed authentication that an admin may fix) is thrown for a retry with the
 * queue's backoff. Exception messages name reply codes and the relay, never the recipient, since
 * the job engine logs them at WARN.
 */
final class SmtpDelivery implements MailDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpDelivery.class);

    private final MailSettings settings;
    private final String protocol;
    private final Session session;

    /**
     * @param heloName the name we greet the relay with (EHLO); the public web host, because the
     *                 machine's own name inside a container is often {@code localhost}, which some
     *                 relays refuse
     */
    SmtpDelivery(MailSettings settings, String heloName) throws Exception {
        this.settings = settings;
        this.protocol = settings.tls() == Tls.TLS ? "smtps" : "smtp";
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "host", settings.smtpHost());
        p.setProperty(prefix + "port", Integer.toString(settings.smtpPort()));
        p.setProperty(prefix + "localhost", heloName);
        p.setProperty(prefix + "connectiontimeout", Integer.toString(settings.timeoutMillis()));
        p.setProperty(prefix + "timeout", Integer.toString(settings.timeoutMillis()));
        p.setProperty(prefix + "writetimeout", Integer.toString(settings.timeoutMillis()));
        p.setProperty(prefix + "auth", Boolean.toString(settings.user() != null));
        p.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (settings.tls() == Tls.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.envelopeSender() != null) p.setProperty(prefix + "from", settings.envelopeSender());
        if (settings.caFile() != null) p.put(prefix + "ssl.socketFactory", socketFactory(settings));
        this.session = MimeBuilder.withMailClassLoader(() -> MimeBuilder.session(p));
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public boolean eightBit() {
        return false;
    }

    @Override
    public void deliver(MimeMessage message, String template, Job job) throws Exception {
        URLName url = new URLName(protocol, settings.smtpHost(), settings.smtpPort(), null, settings.user(),
                settings.password());
        // the transports are made directly rather than through Session.getTransport, so no
        // provider lookup can fail in OSGi
        try (Transport transport = settings.tls() == Tls.TLS
                ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url)) {
            transport.connect(settings.smtpHost(), settings.smtpPort(), settings.user(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw classify(e, describe());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("mail sent job={} template={} to={} via={}", job.id(), template,
                    message.getHeader("To", ","), describe());
        }
    }

    /**
     * Maps a Jakarta Mail failure to the job outcome: {@link PermanentJobFailure} for a 5xx refusal
     * of the recipient, otherwise a retryable {@link MailDeliveryException}.
     */
    static Exception classify(MessagingException failure, String relay) {
        Exception e = failure;
        for (int depth = 0; e != null && depth < 16; depth++) {
            if (e instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500
                    && refused.getReturnCode() < 600) {
                return new PermanentJobFailure("recipient refused by " + relay + ": SMTP " + refused.getReturnCode());
            }
            e = e instanceof MessagingException m ? m.getNextException() : null;
        }
        String reason;
        if (failure instanceof SMTPSendFailedException s) {
            reason = "SMTP " + s.getReturnCode();
        } else if (failure instanceof AuthenticationFailedException) {
            reason = "authentication failed";
        } else if (failure instanceof SendFailedException) {
            // its message and nested replies may quote the recipient
            reason = "send failed";
        } else {
            reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        return new MailDeliveryException(relay + ": " + reason, failure);
    }

    /** Trusts exactly the CA certificates in the PEM file (for relays with a private CA). */
    private static SSLSocketFactory socketFactory(MailSettings settings) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(settings.caFile())) {
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) throw new GeneralSecurityException("no certificate in smtp_ca_file " + settings.caFile());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    @Override
    public String describe() {
        return "smtp " + settings.smtpHost() + ":" + settings.smtpPort() + " ("
                + settings.tls().name().toLowerCase(Locale.ROOT) + ")";
    }

    /** A delivery attempt failed, but a later one may succeed (relay down, 4xx, authentication). */
    static final class MailDeliveryException extends Exception {
        private static final long serialVersionUID = 1L;

        MailDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
