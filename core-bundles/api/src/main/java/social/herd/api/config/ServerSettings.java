package social.herd.api.config;

import java.net.URI;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** The server-wide settings, valid and normalised (the launcher refuses to start otherwise). */
@ProviderType
public interface ServerSettings {

    /** ConfigAdmin PID that holds these settings. */
    String PID = "social.herd.server";

    /** Scheme, web domain and port of every generated link, without a trailing slash. */
    URI publicUrl();

    /** Host, plus {@code :port} when not the scheme's default, of {@link #publicUrl()}. */
    String webDomain();

    /** The handle domain ({@code @user@localDomain}); may differ from {@link #webDomain()}. */
    String localDomain();

    /** Directory for embedded database, media and mail files. */
    Path dataDir();

    /** Who may sign up. */
    Registrations registrations();

    /** Which parts of Herd this node runs. */
    Role role();

    /**
     * Every role this node has (a node may have several, e.g. {@code worker,streaming}); the
     * single {@link #role()} is the first of them, or {@code ALL}. Since 1.1.
     */
    default java.util.Set<Role> roles() {
        return java.util.EnumSet.of(role());
    }

    /** True when this node does {@code role}'s work (always for {@code ALL}). Since 1.1. */
    default boolean runs(Role role) {
        java.util.Set<Role> mine = roles();
        return mine.contains(Role.ALL) || mine.contains(role);
    }

    /** The job queues this node's workers take (empty: all of them). Since 1.1. */
    default java.util.Set<String> workerQueues() {
        return java.util.Set.of();
    }

    /**
     * False for a process that must never run periodic tasks (a {@code bin/herd} command): only
     * server processes compete for the scheduler. Since 1.1.
     */
    default boolean scheduler() {
        return true;
    }

    /** Herd's own version, e.g. {@code 0.1.0}. */
    String version();

    /** Sign-up mode. */
    enum Registrations { OPEN, APPROVAL, CLOSED }

    /** What a node does; Kubernetes scales each role separately. */
    enum Role {
        ALL, WEB, WORKER, STREAMING;

        /** True when this node executes background jobs and periodic tasks. */
        public boolean runsWorkers() { return this == ALL || this == WORKER; }

        /** True when this node serves the HTTP API and pages. */
        public boolean servesWeb() { return this == ALL || this == WEB; }
    }
}
