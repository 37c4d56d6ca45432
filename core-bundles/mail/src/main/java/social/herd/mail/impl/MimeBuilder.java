package social.herd.mail.impl;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import social.herd.mail.impl.MailTemplates.RenderedMail;

/**
 * Builds the MIME message of a rendered mail: {@code multipart/alternative} with a UTF-8 text part
 * and an HTML part (text only when the template has no HTML), Message-ID, Date, and
 * {@code Auto-Submitted: auto-generated} so that vacation responders do not answer.
 *
 * <p><b>OSGi.</b> Jakarta Mail finds its implementation through {@code ServiceLoader} and
 * Jakarta Activation finds content handlers through {@code META-INF/mailcap} files, both looked up
 * with the thread context class loader. In OSGi that loader sees nothing, so
 * {@link #withMailClassLoader} runs mail code with the Angus Mail bundle's class loader as context
 * loader (it sees Angus' own {@code META-INF/services}), which needs neither SPI Fly nor the HK2
 * resource locator. And the parts are built from byte data sources and a multipart handler of our
 * own, so no Activation {@code DataContentHandler} (and no Angus Activation bundle) is ever needed.
 */
final class MimeBuilder {

    private MimeBuilder() {}

    /**
     * Runs {@code work} with Angus Mail's class loader as the thread context class loader, the one
     * place where Jakarta Mail looks for its providers (see the class comment).
     */
    static <T> T withMailClassLoader(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A session with {@code properties}; call inside {@link #withMailClassLoader}. */
    static Session session(Properties properties) {
        return Session.getInstance(properties);
    }

    /**
     * The message, ready to send or write.
     *
     * @param messageId Message-ID including the angle brackets
     * @param eightBit  true for files: parts stay 8bit so links can be read and copied as they are
     *                  (over SMTP, Jakarta Mail picks 7bit or quoted-printable per part)
     */
    static MimeMessage build(Session session, RenderedMail mail, InternetAddress from, InternetAddress to,
            String messageId, Instant date, boolean eightBit) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, to);
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(Date.from(date));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Content-Language", mail.language());
        if (mail.html() == null) {
            message.setDataHandler(bytes(mail.text(), "text/plain"));
            if (eightBit) message.setHeader("Content-Transfer-Encoding", "8bit");
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            // plain text first: clients show the last part they understand (RFC 2046 5.1.4)
            alternative.addBodyPart(part(mail.text(), "text/plain", eightBit));
            alternative.addBodyPart(part(mail.html(), "text/html", eightBit));
            message.setDataHandler(new MultipartHandler(alternative));
        }
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String content, String type, boolean eightBit) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(bytes(content, type));
        if (eightBit) part.setHeader("Content-Transfer-Encoding", "8bit");
        return part;
    }

    private static DataHandler bytes(String content, String type) {
        // normalise to CRLF: the wire format of mail, and what an .eml file opened later expects
        String crlf = content.replace("\r\n", "\n").replace("\n", "\r\n");
        return new DataHandler(new ByteArrayDataSource(crlf.getBytes(StandardCharsets.UTF_8), type + "; charset=UTF-8"));
    }

    /**
     * Hands the multipart to Jakarta Mail without a mailcap lookup: {@code new DataHandler(multipart,
     * type)} would need Activation's multipart {@code DataContentHandler} to write it.
     */
    private static final class MultipartHandler extends DataHandler {
        private final MimeMultipart multipart;

        MultipartHandler(MimeMultipart multipart) {
            super(multipart, multipart.getContentType());
            this.multipart = multipart;
        }

        @Override
        public Object getContent() {
            return multipart;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try {
                multipart.writeTo(out);
            } catch (MessagingException e) {
                throw new IOException(e);
            }
        }
    }

    /** Keeps our Message-ID: Jakarta Mail would otherwise make a new one from the host name. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
