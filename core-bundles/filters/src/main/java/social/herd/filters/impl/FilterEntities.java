package social.herd.filters.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.herd.filters.impl.db.FilterRow;
import social.herd.filters.impl.db.KeywordRow;
import social.herd.filters.impl.db.StatusRuleRow;
import social.herd.web.api.Json;

/**
 * Mastodon's filter entities as the API answers them (the web bundle's Jackson writes the
 * components in snake_case; ids are strings, as Mastodon clients expect).
 */
public final class FilterEntities {

    private FilterEntities() {}

    /** Mastodon's Filter (v2), with its keywords and statuses. */
    public record Filter(String id, String title, List<String> context, Instant expiresAt, String filterAction,
                         List<FilterKeyword> keywords, List<FilterStatus> statuses) {}

    /** Mastodon's FilterKeyword. */
    public record FilterKeyword(String id, String keyword, boolean wholeWord) {}

    /** Mastodon's FilterStatus. */
    public record FilterStatus(String id, String statusId) {}

    /**
     * The Filter inside a FilterResult. Mastodon serialises it without keywords and statuses (its
     * serializer adds them only when "rules" are requested), so clients never rely on them here.
     */
    public record MatchedFilter(String id, String title, List<String> context, Instant expiresAt, String filterAction) {}

    /**
     * Mastodon's FilterResult, as it appears in a status's {@code filtered}.
     *
     * @param keywordMatches the filter's keywords found in the status, or null
     * @param statusMatches  the status ids the filter names, or null
     */
    public record FilterResult(MatchedFilter filter, List<String> keywordMatches, List<String> statusMatches) {}

    /**
     * Mastodon's V1 Filter: one per keyword of a v2 filter, as Mastodon projects them for old
     * clients ({@code irreversible} is the "hide" action).
     */
    public record V1Filter(String id, String phrase, List<String> context, boolean wholeWord, Instant expiresAt,
                           boolean irreversible) {}

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<FilterKeyword>> KEYWORDS = new TypeReference<>() {};
    private static final TypeReference<List<FilterStatus>> STATUSES = new TypeReference<>() {};

    static Filter filter(FilterRow r) {
        return new Filter(Long.toString(r.id()), r.title(), read(r.context(), STRINGS), r.expiresAt(), r.action(),
                read(r.keywords(), KEYWORDS), read(r.statuses(), STATUSES));
    }

    static MatchedFilter matched(Filter f) {
        return new MatchedFilter(f.id(), f.title(), f.context(), f.expiresAt(), f.filterAction());
    }

    static FilterKeyword keyword(KeywordRow r) {
        return new FilterKeyword(Long.toString(r.id()), r.keyword(), r.wholeWord());
    }

    static FilterStatus status(StatusRuleRow r) {
        return new FilterStatus(Long.toString(r.id()), Long.toString(r.statusId()));
    }

    /** The V1 projection of some v2 filters: one entry per keyword; status filters have no v1 form. */
    static List<V1Filter> v1(List<Filter> filters) {
        List<V1Filter> out = new ArrayList<>();
        for (Filter f : filters) {
            for (FilterKeyword k : f.keywords()) {
                out.add(new V1Filter(k.id(), k.keyword(), f.context(), k.wholeWord(), f.expiresAt(),
                        FilterRules.HIDE.equals(f.filterAction())));
            }
        }
        return out;
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null || json.isEmpty()) return List.of();
        try {
            return List.copyOf(Json.mapper().readValue(json, type));
        } catch (IOException e) {
            // the JSON comes from our own query: unreadable means a programming error
            throw new UncheckedIOException("unreadable filter rules from the database", e);
        }
    }
}
