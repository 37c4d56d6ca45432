package social.herd.streaming.impl.hub;

/** Why a stream connection ended; the label of {@code herd_streaming_disconnects_total}. */
public enum CloseReason {
    /** The client went away (or its connection broke). */
    CLIENT("client"),
    /** The client did not keep up: its queue overflowed, or it stopped answering pings. */
    SLOW_CLIENT("slow_client"),
    /** The token no longer verifies (revoked, expired, user suspended). */
    REVOKED("token_revoked"),
    /** Writing failed for another reason. */
    ERROR("error"),
    /** This node stops streaming (bundle stopping, configuration change). */
    SHUTDOWN("shutdown");

    private final String label;

    CloseReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
