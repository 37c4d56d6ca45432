package social.herd.statuses.impl.timelines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Tx;
import social.herd.statuses.impl.db.ListMapper;
import social.herd.statuses.impl.db.StatusRow;

/**
 * What the home timeline needs to know about its viewer, loaded once per request inside the
 * request's transaction (the accounts bundle's queries join it): whom the viewer follows, whose
 * reblogs it hides, whom it must not see ({@link SocialGraph#hiddenFrom}) and whom its exclusive
 * lists take out of home.
 */
record HomeGraph(long viewerId, Set<Long> following, Set<Long> reblogsHidden, Set<Long> hidden, Set<Long> exclusive) {

    static HomeGraph load(Tx tx, SocialGraph graph, long viewerId) {
        return new HomeGraph(viewerId, new HashSet<>(graph.following(viewerId)), graph.reblogsHidden(viewerId),
                graph.hiddenFrom(viewerId), new HashSet<>(tx.mapper(ListMapper.class).exclusiveMembers(viewerId)));
    }

    /** The accounts whose posts make up home: the viewer and the followees not hidden or exclusive. */
    List<Long> authors() {
        List<Long> out = new ArrayList<>(following.size() + 1);
        out.add(viewerId);
        for (Long f : following) if (f != viewerId && !hidden.contains(f) && !exclusive.contains(f)) out.add(f);
        return out;
    }

    /**
     * The accounts a rebuilt feed draws from: the viewer and everyone it follows, muted ones too.
     * Reads filter them anyway, and an unmute publishes no event that could repair a feed built
     * without them.
     */
    List<Long> feedAuthors() {
        List<Long> out = new ArrayList<>(following.size() + 1);
        out.add(viewerId);
        for (Long f : following) if (f != viewerId) out.add(f);
        return out;
    }

    /**
     * Home's rules on top of {@link social.herd.statuses.impl.StatusVisibility}, applied at read
     * time so that a feed filled earlier never shows what the viewer's graph now rules out: the
     * author is the viewer or followed (and not in an exclusive list), neither the author nor a
     * reblogged author is hidden, a reblog is not by someone whose reblogs the viewer hides, and,
     * as Mastodon, a reply shows only when it answers the viewer, someone the viewer follows or
     * its own author.
     */
    boolean keep(StatusRow r) {
        long author = r.accountId();
        if (author == viewerId) return true;
        if (!following.contains(author) || hidden.contains(author) || exclusive.contains(author)) return false;
        if (r.isReblog() && (reblogsHidden.contains(author) || hidden.contains(r.reblogOfAccountId()))) return false;
        Long to = r.inReplyToAccountId();
        return to == null || to == viewerId || to == author || following.contains(to);
    }
}
