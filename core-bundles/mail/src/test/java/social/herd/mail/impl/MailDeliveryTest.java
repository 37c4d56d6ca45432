package social.herd.mail.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.health.HealthStatus;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.api.jobs.Queues;
import social.herd.api.mail.Mail;
import social.herd.mail.impl.SmtpDelivery.MailDeliveryException;
import social.herd.platform.impl.config.ServerSettingsComponent;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.jobs.JobEngine;
import social.herd.platform.impl.jobs.JobSettings;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.testing.TestPostgres;

/**
 * The whole path with real parts: Mailer enqueues in a PostgreSQL transaction, the platform's job
 * engine runs the delivery component, which sends to a GreenMail SMTP server or writes files.
 */
class MailDeliveryTest {

    /** Retries within a second, so an outage test takes seconds. */
    static final Map<String, Object> FAST = Map.of("poll_ms", 100, "lease_seconds", 5, "backoff_base_ms", 100,
            "backoff_max_seconds", 1, "shutdown_grace_seconds", 1);
    static final String LINK = "https://social.example.org/auth/confirmation?token=abc123&lang=en";
    static Path tlsStore;
    static Path tlsCa;

    @TempDir Path dataDir;
    private PooledDataSource ds;
    private TxDatabase db;
    private PostgresJobQueue queue;
    private ServerSettingsComponent server;
    private final List<JobEngine> engines = new ArrayList<>();
    private final List<GreenMail> smtpServers = new ArrayList<>();

    @BeforeAll
    static void tls(@TempDir Path dir) throws Exception {
        Path[] material = TestSupport.tlsMaterial(dir);
        tlsStore = material[0];
        tlsCa = material[1];
        // GreenMail reads its TLS key store once per JVM, from these properties
        System.setProperty("greenmail.tls.keystore.file", tlsStore.toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
    }

    @BeforeEach
    void setUp() {
        ds = TestSupport.migratedPool(TestPostgres.freshDatabase());
        db = new TxDatabase(ds);
        queue = new PostgresJobQueue(db, new TimeSortableIdGenerator());
        server = TestSupport.server(dataDir);
    }

    @AfterEach
    void tearDown() {
        engines.forEach(JobEngine::close);
        smtpServers.forEach(GreenMail::stop);
        ds.close();
    }

    private GreenMail smtp(int port, String protocol) {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", protocol));
        g.start();
        smtpServers.add(g);
        return g;
    }

    /** The delivery component on a running job engine. */
    private MailDeliveryComponent delivery(Map<String, Object> mailConfig) {
        MailDeliveryComponent component = new MailDeliveryComponent(server, mailConfig);
        JobEngine engine = new JobEngine(ds, new TestSupport.NoMetrics(), JobSettings.from(FAST), "test");
        engine.addHandler(MailPayload.JOB_TYPE, component);
        engine.start();
        engines.add(engine);
        return component;
    }

    private void send(Mail mail) {
        MailerComponent mailer = new MailerComponent(queue, server);
        db.transaction(tx -> {
            mailer.send(tx, mail);
            return null;
        });
    }

    private static Mail confirmation(String to, Locale locale) {
        return new Mail(to, "confirmation", locale, Map.of("username", "<Ann & Bob>", "link", LINK));
    }

    private List<String> jobs() {
        return TestSupport.strings(ds, "SELECT state || ' ' || attempt FROM herd_jobs");
    }

    @Test
    void smtpDeliversTextAndHtmlWithTheLinkAndEscapedValues() throws Exception {
        int port = TestSupport.freePort();
        GreenMail greenMail = smtp(port, ServerSetup.PROTOCOL_SMTP);
        MailDeliveryComponent component = delivery(Map.of("smtp_host", "127.0.0.1", "smtp_port", port, "smtp_tls", "none",
                "envelope_sender", "bounces@example.org"));
        assertThat(component.check()).isEqualTo(HealthStatus.up("smtp 127.0.0.1:" + port + " (none)"));

        send(confirmation("ann@example.net", Locale.ENGLISH));
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).as("mail arrived").isTrue();

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Confirm your email address for example.org");
        assertThat(received.getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress("ann@example.net"));
        assertThat(received.getFrom()).containsExactly(new InternetAddress("Herd <notifications@example.org>"));
        assertThat(received.getHeader("Message-ID")[0]).matches("<herd\\.\\d+@example\\.org>");
        assertThat(received.getSentDate()).isCloseTo(new java.util.Date(), 60_000);
        assertThat(received.getHeader("Return-Path")[0]).contains("bounces@example.org");
        assertThat(received.getContentType()).startsWith("multipart/alternative");

        MimeMultipart parts = new MimeMultipart(received.getDataHandler().getDataSource());
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        String text = body(parts.getBodyPart(0));
        String html = body(parts.getBodyPart(1));
        assertThat(text).contains("Hello <Ann & Bob>,").contains(LINK);
        assertThat(html).contains("Hello &lt;Ann &amp; Bob&gt;,").doesNotContain("<Ann")
                .contains("href=\"" + LINK.replace("&", "&amp;") + "\"");
        TestSupport.await(Duration.ofSeconds(5), "job done and deleted", () -> jobs().isEmpty());
        assertThat(component.check().state()).isEqualTo(HealthStatus.State.UP);
    }

    @Test
    void germanMailHasGermanSubjectAndUmlauts() throws Exception {
        int port = TestSupport.freePort();
        GreenMail greenMail = smtp(port, ServerSetup.PROTOCOL_SMTP);
        delivery(Map.of("smtp_host", "127.0.0.1", "smtp_port", port, "smtp_tls", "none"));
        send(confirmation("ann@example.net", Locale.GERMANY));
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Bestätige deine E-Mail-Adresse für example.org");
        String text = body(new MimeMultipart(received.getDataHandler().getDataSource()).getBodyPart(0));
        assertThat(text).contains("bitte bestätige").contains(LINK);
    }

    @Test
    void rolledBackTransactionSendsNothing() throws Exception {
        int port = TestSupport.freePort();
        GreenMail greenMail = smtp(port, ServerSetup.PROTOCOL_SMTP);
        delivery(Map.of("smtp_host", "127.0.0.1", "smtp_port", port, "smtp_tls", "none"));
        MailerComponent mailer = new MailerComponent(queue, server);
        assertThatThrownBy(() -> db.transaction(tx -> {
            mailer.send(tx, confirmation("rolled.back@example.net", Locale.ENGLISH));
            throw new IllegalStateException("sign-up failed after the mail was queued");
        })).hasMessageContaining("sign-up failed");
        send(confirmation("committed@example.net", Locale.ENGLISH));
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        TestSupport.await(Duration.ofSeconds(5), "queue empty", () -> jobs().isEmpty());
        assertThat(greenMail.waitForIncomingEmail(500, 2)).as("no second mail").isFalse();
        assertThat(greenMail.getReceivedMessagesForDomain("example.net")).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("committed@example.net");
    }

    @Test
    void smtpOutageIsRetriedThenDeliveredWhenTheServerReturns() throws Exception {
        int port = TestSupport.freePort();
        MailDeliveryComponent component = delivery(Map.of("smtp_host", "127.0.0.1", "smtp_port", port, "smtp_tls", "none",
                "timeout_ms", 2000));
        send(confirmation("ann@example.net", Locale.ENGLISH));
        TestSupport.await(Duration.ofSeconds(10), "two failed attempts",
                () -> TestSupport.strings(ds, "SELECT attempt FROM herd_jobs WHERE state = 'ready' AND attempt >= 2").size() == 1);
        HealthStatus during = component.check();
        assertThat(during.state()).isEqualTo(HealthStatus.State.DEGRADED);
        assertThat(during.detail()).contains("127.0.0.1:" + port).doesNotContain("ann@");
        assertThat(lastError()).contains("MailConnectException");

        GreenMail greenMail = smtp(port, ServerSetup.PROTOCOL_SMTP);
        assertThat(greenMail.waitForIncomingEmail(15_000, 1)).as("delivered after the server came back").isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Confirm your email address for example.org");
        TestSupport.await(Duration.ofSeconds(5), "job done", () -> jobs().isEmpty());
        assertThat(component.check().state()).isEqualTo(HealthStatus.State.UP);
    }

    @Test
    void implicitTlsWithAuthenticationAndAPrivateCa() throws Exception {
        int port = TestSupport.freePort();
        GreenMail greenMail = smtp(port, ServerSetup.PROTOCOL_SMTPS);
        greenMail.setUser("herd@example.org", "herd", "s3cret");
        Map<String, Object> config = new HashMap<>(Map.of("smtp_host", "localhost", "smtp_port", port, "smtp_tls", "tls",
                "smtp_user", "herd", ".smtp_password", "s3cret", "smtp_ca_file", tlsCa.toString()));
        MailDeliveryComponent component = delivery(config);
        send(confirmation("ann@example.net", Locale.ENGLISH));
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).as("delivered over TLS").isTrue();
        assertThat(component.check().state()).isEqualTo(HealthStatus.State.UP);
        engines.forEach(JobEngine::close);
        engines.clear();

        // a wrong password is retried (an admin may fix it) and shows as degraded
        config.put(".smtp_password", "wrong");
        MailDeliveryComponent wrong = delivery(config);
        send(confirmation("bob@example.net", Locale.ENGLISH));
        TestSupport.await(Duration.ofSeconds(10), "retried",
                () -> !TestSupport.strings(ds, "SELECT 1 FROM herd_jobs WHERE state = 'ready' AND attempt >= 1").isEmpty());
        assertThat(wrong.check().state()).isEqualTo(HealthStatus.State.DEGRADED);
        assertThat(wrong.check().detail()).contains("authentication failed").doesNotContain("wrong");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void tlsRefusesACertificateFromAnUntrustedCa() throws Exception {
        int port = TestSupport.freePort();
        GreenMail greenMail = smtp(port, ServerSetup.PROTOCOL_SMTPS);
        // no smtp_ca_file: the JVM's CAs do not know our self-signed certificate
        MailDeliveryComponent component = delivery(Map.of("smtp_host", "localhost", "smtp_port", port, "smtp_tls", "tls"));
        send(confirmation("ann@example.net", Locale.ENGLISH));
        TestSupport.await(Duration.ofSeconds(10), "degraded", () -> component.check().state() == HealthStatus.State.DEGRADED);
        assertThat(lastError()).contains("SSLHandshakeException");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void requiredStartTlsIsNeverDowngradedToPlainText() throws Exception {
        int port = TestSupport.freePort();
        GreenMail greenMail = smtp(port, ServerSetup.PROTOCOL_SMTP); // offers no STARTTLS
        MailDeliveryComponent component = delivery(Map.of("smtp_host", "127.0.0.1", "smtp_port", port));
        send(confirmation("ann@example.net", Locale.ENGLISH));
        TestSupport.await(Duration.ofSeconds(10), "degraded", () -> component.check().state() == HealthStatus.State.DEGRADED);
        assertThat(lastError()).containsIgnoringCase("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutSmtpEachMailIsOneEmlFileWithRecipientAndLink() throws Exception {
        MailDeliveryComponent component = delivery(Map.of());
        Path mailDir = dataDir.resolve("mail");
        assertThat(component.check()).isEqualTo(HealthStatus.up("files in " + mailDir));
        send(confirmation("ann@example.net", Locale.ENGLISH));
        send(new Mail("bob@example.net", "password_reset", Locale.ENGLISH,
                Map.of("username", "bob", "link", "https://social.example.org/auth/password/edit?reset_password_token=" + "x".repeat(90))));
        TestSupport.await(Duration.ofSeconds(10), "both jobs done", () -> jobs().isEmpty());
        List<Path> files;
        try (Stream<Path> s = Files.list(mailDir)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(2);
        assertThat(files.get(0).getFileName().toString()).matches("\\d{8}-\\d{6}\\.\\d{3}-confirmation-\\d+\\.eml");
        assertThat(files.get(1).getFileName().toString()).contains("-password_reset-");
        String first = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertThat(first).contains("To: ann@example.net").contains(LINK).contains("Subject: Confirm your email address")
                .contains("Hello &lt;Ann &amp; Bob&gt;,");
        String second = Files.readString(files.get(1), StandardCharsets.UTF_8);
        assertThat(second).contains("To: bob@example.net")
                .contains("https://social.example.org/auth/password/edit?reset_password_token=" + "x".repeat(90));
        // a real RFC 822 message that a mail library reads back
        try (InputStream in = Files.newInputStream(files.get(0))) {
            MimeMessage parsed = new MimeMessage(null, in);
            assertThat(parsed.getSubject()).isEqualTo("Confirm your email address for example.org");
            assertThat(body(new MimeMultipart(parsed.getDataHandler().getDataSource()).getBodyPart(0))).contains(LINK);
        }
    }

    @Test
    void aQueuedMailThatCanNeverBeSentIsDeadAtOnce() {
        delivery(Map.of());
        // bypasses the Mailer's checks, as a payload from an older node or a hand-made job would
        queue.enqueue(JobRequest.of(Queues.MAILERS, MailPayload.JOB_TYPE,
                "{\"to\":\"not an address\",\"template\":\"confirmation\",\"locale\":\"en\",\"model\":{}}"));
        queue.enqueue(JobRequest.of(Queues.MAILERS, MailPayload.JOB_TYPE,
                "{\"to\":\"ann@example.net\",\"template\":\"confirmation\",\"locale\":\"en\",\"model\":{}}"));
        TestSupport.await(Duration.ofSeconds(10), "both dead after one attempt",
                () -> TestSupport.strings(ds, "SELECT state || ' ' || attempt FROM herd_jobs").equals(List.of("dead 1", "dead 1")));
        assertThat(String.join("\n", TestSupport.strings(ds, "SELECT last_error FROM herd_jobs ORDER BY id")))
                .contains("not a mail address").contains("mail template: confirmation").contains("username");
    }

    @Test
    void mailerRefusesUnknownTemplatesAndAddressesInTheRequest() {
        MailerComponent mailer = new MailerComponent(queue, server);
        assertThatThrownBy(() -> db.transaction(tx -> {
            mailer.send(tx, new Mail("ann@example.net", "no_such_template", Locale.ENGLISH, Map.of()));
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
            mailer.send(tx, new Mail("ann at example", "confirmation", Locale.ENGLISH, Map.of()));
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("ann at example");
        assertThat(jobs()).isEmpty();
    }

    @Test
    void recipientRefusedWith5xxIsPermanentAnd4xxIsRetried() throws Exception {
        InternetAddress ann = new InternetAddress("ann@example.net");
        SendFailedException refused = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(ann, "RCPT TO", 550, "550 5.1.1 <ann@example.net>: no such user"),
                new jakarta.mail.Address[0], new jakarta.mail.Address[0], new jakarta.mail.Address[] {ann});
        assertThat(SmtpDelivery.classify(refused, "smtp relay:587")).isInstanceOf(PermanentJobFailure.class)
                .hasMessage("recipient refused by smtp relay:587: SMTP 550");
        SendFailedException busy = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(ann, "RCPT TO", 451, "451 4.3.0 <ann@example.net>: try later"));
        Exception retry = SmtpDelivery.classify(busy, "smtp relay:587");
        assertThat(retry).isInstanceOf(MailDeliveryException.class);
        assertThat(retry.getMessage()).doesNotContain("ann@");
    }

    /** The last error of the only job, once the engine has recorded one (after the health changed). */
    private String lastError() {
        String sql = "SELECT last_error FROM herd_jobs WHERE last_error IS NOT NULL";
        TestSupport.await(Duration.ofSeconds(5), "an error recorded", () -> !TestSupport.strings(ds, sql).isEmpty());
        return TestSupport.strings(ds, sql).get(0);
    }

    private static String body(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
