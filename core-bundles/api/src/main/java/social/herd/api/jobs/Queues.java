package social.herd.api.jobs;

import java.util.List;

/** The named queues; each has its own workers so a flood in one cannot starve the others. */
public final class Queues {
    public static final String DEFAULT = "default";
    /** Outgoing federation deliveries. */
    public static final String PUSH = "push";
    /** Fetching remote resources. */
    public static final String PULL = "pull";
    /** Processing incoming federated activities. */
    public static final String INGRESS = "ingress";
    public static final String MAILERS = "mailers";
    /** Periodic tasks. */
    public static final String SCHEDULER = "scheduler";

    public static final List<String> ALL = List.of(DEFAULT, PUSH, PULL, INGRESS, MAILERS, SCHEDULER);

    private Queues() {}
}
