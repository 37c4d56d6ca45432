package social.herd.federation.impl.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.federation.impl.activity.ActivityFormatException;
import social.herd.federation.impl.activity.ActivityParser;
import social.herd.federation.impl.activity.ApJson;
import social.herd.federation.impl.activity.ParsedActivity;
import social.herd.federation.impl.db.AppliedMapper;
import social.herd.web.api.Json;

/**
 * Applies one verified activity from the {@code ingress} queue, exactly once per activity id:
 * an id already applied is skipped; a failure leaves it unmarked so the job engine retries it (the
 * contracts it writes through are idempotent, so a retry after a partial apply is harmless).
 * Activities we do not handle, or about objects we cannot find, are a logged skip, never an error.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE + "=" + IngressJob.TYPE)
public final class IngressJob implements JobHandler {

    public static final String TYPE = "federation.ingress";
    private static final Logger LOG = LoggerFactory.getLogger(IngressJob.class);

    private final Database db;
    private final RemoteAccounts remote;
    private final RelationshipHandlers relationships;
    private final ContentHandlers content;
    private final ReportHandler reports;

    @Activate
    public IngressJob(@Reference Database db, @Reference RemoteAccounts remote,
                      @Reference RelationshipHandlers relationships, @Reference ContentHandlers content,
                      @Reference ReportHandler reports) {
        this.db = db;
        this.remote = remote;
        this.relationships = relationships;
        this.content = content;
        this.reports = reports;
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = Json.mapper().readTree(job.payload());
        Optional<RemoteAccount> signer = remote.byId(payload.path("signer").asLong());
        if (signer.isEmpty()) {
            LOG.debug("ingress skipped an activity of a suspended or deleted account");
            return;
        }
        ParsedActivity a;
        try {
            a = ActivityParser.parse(payload.path("activity"));
        } catch (ActivityFormatException e) {
            LOG.debug("ingress skipped a malformed activity: {}", e.getMessage());
            return;
        }
        if (a.id() != null && applied(a.id())) return;
        boolean handled = switch (a.type()) {
            case "Follow", "Accept", "Reject", "Block", "Move" -> relationships.apply(a, signer.get());
            case "Create", "Update", "Delete", "Announce", "Like", "EmojiReact" -> content.apply(a, signer.get());
            case "Undo" -> relationships.undo(a, signer.get()) || content.undo(a, signer.get());
            case "Flag" -> reports.flag(a, ApJson.ids(payload.path("activity"), "object"), signer.get());
            default -> false;
        };
        if (!handled) LOG.debug("ingress skipped {} {} from {}", a.type(), a.id(), signer.get().actor().uri());
        if (a.id() != null) db.transaction(tx -> tx.mapper(AppliedMapper.class).claim(a.id()));
    }

    private boolean applied(String id) {
        return db.read(tx -> tx.mapper(AppliedMapper.class).applied(id));
    }
}
