package social.herd.api.federation;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The remote servers deliveries are failing to, for the admin dashboard. Since 1.4. */
@ProviderType
public interface FailingHosts {

    /**
     * A host with a failure streak.
     *
     * @param unavailable deliveries to it are skipped (it has failed for longer than the limit)
     */
    record FailingHost(String host, int failures, Instant failingSince, boolean unavailable) {}

    /** The hosts with the longest failure streaks, most failures first. */
    List<FailingHost> failing(int limit);
}
