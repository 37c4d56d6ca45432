package social.herd.mail.impl;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail delivery settings from PID {@value #PID}. Every key is optional:
 *
 * <ul>
 * <li>{@code smtp_host}: the SMTP relay; absent means no SMTP, mails are written as files</li>
 * <li>{@code smtp_port}: default 587 (465 when {@code smtp_tls=tls})</li>
 * <li>{@code smtp_tls}: {@code none}, {@code starttls} (default; required, never silently plain)
 * or {@code tls} (implicit TLS, "SMTPS")</li>
 * <li>{@code smtp_user}, {@code .smtp_password}: authenticate when a user is set (the leading dot
 * keeps the password out of ConfigAdmin's public properties)</li>
 * <li>{@code smtp_ca_file}: PEM file of CA certificates to trust instead of the JVM's, for relays
 * with a private CA; the server's name is checked against its certificate either way</li>
 * <li>{@code from}: header From, default {@code Herd <notifications@<local_domain host>>}</li>
 * <li>{@code envelope_sender}: SMTP MAIL FROM (where bounces go), default the From address</li>
 * <li>{@code timeout_ms}: connect, read and write timeout, default 30000</li>
 * </ul>
 *
 * <p>A bad value logs one line naming the key and falls back to the default: the launcher checks
 * configuration at start-up, so this only happens on an edit at runtime, which must not take mail
 * down entirely.
 */
record MailSettings(String smtpHost, int smtpPort, Tls tls, String user, String password, Path caFile,
        InternetAddress from, String envelopeSender, int timeoutMillis) {

    /** ConfigAdmin PID of the mail settings. */
    static final String PID = "social.herd.mail";

    private static final Logger LOG = LoggerFactory.getLogger(MailSettings.class);

    /** How the connection to the relay is secured. */
    enum Tls { NONE, STARTTLS, TLS }

    /** True when mail goes to an SMTP relay, false when it is written to files. */
    boolean smtp() {
        return smtpHost != null;
    }

    /** Reads the settings; {@code localDomain} gives the default From address. */
    static MailSettings from(Map<String, ?> properties, String localDomain) {
        Map<String, ?> p = properties == null ? Map.of() : properties;
        String host = string(p, "smtp_host");
        Tls tls = Tls.STARTTLS;
        String tlsText = string(p, "smtp_tls");
        if (tlsText != null) {
            try {
                tls = Tls.valueOf(tlsText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                LOG.warn("config {} key smtp_tls has unknown value '{}', using starttls", PID, tlsText);
            }
        }
        int port = integer(p, "smtp_port", tls == Tls.TLS ? 465 : 587, 1, 65_535);
        String user = string(p, "smtp_user");
        String password = string(p, ".smtp_password");
        String ca = string(p, "smtp_ca_file");
        return new MailSettings(host, port, tls, user, password, ca == null ? null : Path.of(ca),
                fromAddress(string(p, "from"), localDomain), string(p, "envelope_sender"),
                integer(p, "timeout_ms", 30_000, 100, 600_000));
    }

    private static InternetAddress fromAddress(String configured, String localDomain) {
        if (configured != null) {
            try {
                return new InternetAddress(configured, true);
            } catch (AddressException e) {
                LOG.warn("config {} key from is not a mail address, using the default", PID);
            }
        }
        // the handle domain may carry a port (localhost:8080), which no mail address can
        String host = localDomain.contains(":") ? localDomain.substring(0, localDomain.indexOf(':')) : localDomain;
        try {
            return new InternetAddress("notifications@" + host, "Herd", "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(Map<String, ?> p, String key) {
        Object v = p.get(key);
        if (v == null) return null;
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    private static int integer(Map<String, ?> p, String key, int fallback, int min, int max) {
        String s = string(p, key);
        if (s == null) return fallback;
        try {
            long n = Long.parseLong(s);
            if (n >= min && n <= max) return (int) n;
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("config {} key {}={} is not a number in [{}, {}], using {}", PID, key, s, min, max, fallback);
        return fallback;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return smtp()
                ? "smtp " + smtpHost + ":" + smtpPort + " tls=" + tls.name().toLowerCase(Locale.ROOT)
                        + (user == null ? "" : " user=" + user)
                : "files";
    }
}
