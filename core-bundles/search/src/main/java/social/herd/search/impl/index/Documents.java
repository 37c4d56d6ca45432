package social.herd.search.impl.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.statuses.SearchablePost;
import social.herd.api.statuses.StatusDirectory;
import social.herd.search.impl.engine.StatusDoc;

/**
 * Builds engine documents from posts, many at a time (one query for the posts, one per author).
 * Posts that are gone, held or by suspended accounts have no document: the caller removes them.
 */
public final class Documents {

    private final StatusDirectory statuses;
    private final AccountDirectory accounts;
    /** Authors already looked up, for one reindex run only (the worker must see suspensions at once). */
    private final Map<Long, Boolean> suspendedAuthors;

    /** Looks every author up for every batch (the index worker). */
    public Documents(StatusDirectory statuses, AccountDirectory accounts) {
        this(statuses, accounts, false);
    }

    /**
     * @param rememberAuthors remember whether each author is suspended for this object's life: for a
     *                        reindex run, where the same authors come back batch after batch
     */
    public Documents(StatusDirectory statuses, AccountDirectory accounts, boolean rememberAuthors) {
        this.statuses = statuses;
        this.accounts = accounts;
        this.suspendedAuthors = rememberAuthors ? new java.util.HashMap<>() : null;
    }

    /** Documents for those of {@code ids} that should be searchable. */
    public List<StatusDoc> of(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        Map<Long, SearchablePost> posts = statuses.searchable(ids);
        Set<Long> authors = posts.values().stream().map(SearchablePost::accountId).collect(Collectors.toSet());
        Set<Long> suspended = authors.stream().filter(this::suspended).collect(Collectors.toSet());
        List<StatusDoc> docs = new ArrayList<>(posts.size());
        for (SearchablePost p : posts.values()) {
            if (!suspended.contains(p.accountId())) docs.add(document(p));
        }
        return docs;
    }

    private boolean suspended(long author) {
        if (suspendedAuthors == null) return accounts.byId(author).map(AccountSummary::suspended).orElse(true);
        return suspendedAuthors.computeIfAbsent(author, a -> accounts.byId(a).map(AccountSummary::suspended).orElse(true));
    }

    static StatusDoc document(SearchablePost p) {
        StringBuilder text = new StringBuilder();
        append(text, p.spoilerText());
        append(text, p.contentHtml().isEmpty() ? "" : Jsoup.parse(p.contentHtml()).text());
        for (String extra : p.extras()) append(text, extra);
        return new StatusDoc(p.id(), p.accountId(), p.visibility(), p.language(), p.createdAt(), p.withMedia(),
                p.withPoll(), p.reply(), p.sensitive(), text.toString());
    }

    private static void append(StringBuilder b, String text) {
        if (text == null || text.isBlank()) return;
        if (!b.isEmpty()) b.append('\n');
        b.append(text);
    }
}
