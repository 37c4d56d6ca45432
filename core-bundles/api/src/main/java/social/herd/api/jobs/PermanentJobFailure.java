package social.herd.api.jobs;

/** Thrown by a {@link JobHandler} when retrying cannot help (e.g. the target is gone). */
public class PermanentJobFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public PermanentJobFailure(String message) {
        super(message);
    }
}
