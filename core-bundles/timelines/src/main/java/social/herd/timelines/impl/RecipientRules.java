package social.herd.timelines.impl;

import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.statuses.StatusDirectory;

/**
 * Who may be told about what: the rules every notification and conversation passes before it is
 * stored, whatever event caused it.
 */
@Component(service = RecipientRules.class)
public final class RecipientRules {

    private final AccountDirectory accounts;
    private final SocialGraph graph;
    private final StatusDirectory statuses;

    @Activate
    public RecipientRules(@Reference AccountDirectory accounts, @Reference SocialGraph graph,
                          @Reference StatusDirectory statuses) {
        this.accounts = accounts;
        this.graph = graph;
        this.statuses = statuses;
    }

    /** True for an account of this server that is not suspended: only those read notifications here. */
    public boolean localActive(long accountId) {
        Optional<AccountSummary> a = accounts.byId(accountId);
        return a.isPresent() && a.get().local() && !a.get().suspended();
    }

    /**
     * True when {@code recipient} may be told that {@code actor} did something (about
     * {@code statusId}, when not null): the recipient is a local active account; it is not their
     * own action (unless {@code ownActionCounts}, e.g. their poll ended); the actor exists, is not
     * suspended and is not blocked or muted either way ({@link SocialGraph#hiddenFrom}); the
     * recipient may see the status and has not muted its conversation.
     */
    public boolean allows(long recipient, long actor, Long statusId, boolean ownActionCounts) {
        if (recipient == actor && !ownActionCounts) return false;
        if (!localActive(recipient)) return false;
        Optional<AccountSummary> from = accounts.byId(actor);
        if (from.isEmpty() || from.get().suspended()) return false;
        if (recipient != actor && graph.hiddenFrom(recipient).contains(actor)) return false;
        if (statusId == null) return true;
        return statuses.visibleTo(recipient, statusId) && !statuses.conversationMuted(recipient, statusId);
    }

    /**
     * True when {@code participant} may get a direct status from {@code author} in their
     * conversations: a local active account that may see it and does not hide the author.
     */
    public boolean mayConverse(long participant, long author, long statusId) {
        if (!localActive(participant)) return false;
        if (participant != author && graph.hiddenFrom(participant).contains(author)) return false;
        return statuses.visibleTo(participant, statusId);
    }
}
