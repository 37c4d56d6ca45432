package social.herd.statuses.impl.db;

/**
 * One fact a status needs for rendering, from {@link FactsMapper#renderFacts}: a mention
 * ({@code target} = account), a tag ({@code name}), a poll, or one of the viewer's flags.
 */
public record RenderFact(long id, String kind, Long target, String name) {
    public static final String MENTION = "m", TAG = "t", POLL = "p", FAVOURITED = "F", BOOKMARKED = "B",
            REBLOGGED = "R", PINNED = "P", MUTED = "M";
}
