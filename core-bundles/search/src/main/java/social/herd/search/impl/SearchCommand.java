package social.herd.search.impl;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.cli.CliCommand;
import social.herd.api.statuses.StatusDirectory;
import social.herd.search.impl.engine.SearchEngine;
import social.herd.search.impl.engine.SearchUnavailableException;
import social.herd.search.impl.engine.StatusDoc;
import social.herd.search.impl.index.Documents;

/**
 * {@code herd search reindex}: rebuilds the post index from every live post, oldest first, with
 * progress. On OpenSearch the documents go to a new index while the old one keeps answering, and
 * an alias swap makes the new one live at the end (the running servers write new posts to both
 * meanwhile); on PostgreSQL documents are replaced in place. Exit codes: 0 done, 1 failed (the
 * live index is untouched), 2 wrong usage.
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=search")
public final class SearchCommand implements CliCommand {

    static final String USAGE = "usage: herd search reindex";
    static final int BATCH = 1000;

    private final StatusDirectory statuses;
    private final SearchEngine engine;
    private final Documents documents;

    @Activate
    public SearchCommand(@Reference StatusDirectory statuses, @Reference AccountDirectory accounts,
                         @Reference(policyOption = ReferencePolicyOption.GREEDY) SearchEngine engine) {
        this.statuses = statuses;
        this.engine = engine;
        this.documents = new Documents(statuses, accounts, true);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.equals(List.of("reindex"))) {
            err.println(USAGE);
            return 2;
        }
        long started = System.nanoTime();
        SearchEngine.Rebuild rebuild;
        try {
            rebuild = engine.rebuild();
        } catch (SearchUnavailableException e) {
            err.println("search engine " + engine.name() + " unreachable: " + e.getMessage());
            return 1;
        }
        out.println("reindexing posts into " + engine.name() + " " + rebuild.target());
        long done = 0;
        long after = 0;
        try {
            while (true) {
                List<Long> ids = statuses.ids(after, BATCH);
                if (ids.isEmpty()) break;
                List<StatusDoc> docs = documents.of(ids);
                rebuild.index(docs);
                done += docs.size();
                after = ids.get(ids.size() - 1);
                double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
                out.printf("indexed %d posts (%.0f/s)%n", done, done / seconds);
            }
            rebuild.finish();
        } catch (RuntimeException e) {
            rebuild.abort();
            err.println("reindex failed after " + done + " posts, the live index is unchanged: " + e.getMessage());
            return 1;
        }
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        out.printf("done: %d posts in %.1f s (%.0f/s)%n", done, seconds, done / seconds);
        return 0;
    }
}
