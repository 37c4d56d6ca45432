package social.herd.search.impl;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.cli.CliCommand;
import social.herd.api.statuses.StatusDirectory;
import social.herd.search.impl.engine.SearchEngine;

/**
 * {@code herd search reindex}: indexes every live post again, oldest first, printing progress.
 * Documents are replaced in place, so search keeps answering meanwhile; posts written during the
 * run are indexed by the usual events as well. Exit codes: 0 done, 2 wrong usage.
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=search")
public final class SearchCommand implements CliCommand {

    static final String USAGE = "usage: herd search reindex";
    static final int BATCH = 500;

    private final Indexer indexer;
    private final StatusDirectory statuses;
    private final SearchEngine engine;

    @Activate
    public SearchCommand(@Reference Indexer indexer, @Reference StatusDirectory statuses, @Reference SearchEngine engine) {
        this.indexer = indexer;
        this.statuses = statuses;
        this.engine = engine;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.equals(List.of("reindex"))) {
            err.println(USAGE);
            return 2;
        }
        long started = System.nanoTime();
        long done = 0;
        long after = 0;
        out.println("reindexing posts into " + engine.name());
        while (true) {
            List<Long> ids = statuses.ids(after, BATCH);
            if (ids.isEmpty()) break;
            for (Long id : ids) indexer.index(id);
            done += ids.size();
            after = ids.get(ids.size() - 1);
            double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            out.printf("indexed %d posts (%.0f/s)%n", done, done / seconds);
        }
        out.printf("done: %d posts in %.1f s%n", done, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
