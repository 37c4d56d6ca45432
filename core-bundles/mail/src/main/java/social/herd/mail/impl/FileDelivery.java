package social.herd.mail.impl;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.jobs.Job;

/**
 * The delivery when no SMTP relay is configured (the embedded default): each mail becomes one
 * RFC 822 file {@code <data_dir>/mail/<yyyyMMdd-HHmmss.SSS>-<template>-<job id>.eml}, which any
 * mail client opens, with the recipient and the full links readable in it (parts stay 8bit).
 *
 * <p>The name uses the job's enqueue time and id, not the time of writing: a job that runs twice
 * (the queue delivers at least once) overwrites its own file instead of producing a second mail.
 * Files appear whole (written aside, then moved), so a script watching the folder never reads half
 * a mail. One INFO line per mail names the file, not the recipient.
 */
final class FileDelivery implements MailDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(FileDelivery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Session session;

    FileDelivery(Path dir) throws Exception {
        this.dir = dir;
        this.session = MimeBuilder.withMailClassLoader(() -> MimeBuilder.session(new Properties()));
    }

    /** The folder mails are written to. */
    Path dir() {
        return dir;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public boolean eightBit() {
        return true;
    }

    @Override
    public void deliver(MimeMessage message, String template, Job job) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(STAMP.format(job.createdAt()) + "-" + template + "-" + job.id() + ".eml");
        Path partial = dir.resolve("." + file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        move(partial, file);
        LOG.info("mail written file={}", file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String describe() {
        return "files in " + dir;
    }
}
