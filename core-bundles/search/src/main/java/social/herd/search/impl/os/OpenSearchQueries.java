package social.herd.search.impl.os;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.search.impl.engine.StatusQuery;

/**
 * Turns a parsed search into an OpenSearch query: the words through {@code simple_query_string}
 * (quoted phrases, {@code -exclusion}, {@code or}; every other word required) over the folded
 * field and the language fields, the operators as filters, newest first.
 */
final class OpenSearchQueries {

    private OpenSearchQueries() {}

    static ObjectNode search(StatusQuery q, Long minId, Long maxId, int limit) {
        ObjectNode body = OpenSearchIndex.json().createObjectNode();
        body.put("size", Math.max(1, Math.min(limit, 1000)));
        body.put("track_total_hits", false);
        body.putArray("sort").addObject().put("status_id", "desc");
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        if (q.text() != null && !q.text().isBlank()) {
            ObjectNode sqs = bool.putArray("must").addObject().putObject("simple_query_string");
            sqs.put("query", words(q.text()));
            ArrayNode fields = sqs.putArray("fields").add("text");
            for (String lang : OpenSearchEngine.LANGUAGES) fields.add("text_" + lang);
            sqs.put("default_operator", "and");
            sqs.put("flags", "AND|OR|NOT|PHRASE|WHITESPACE");
        }
        if (q.from() != null) term(filter, "account_id", q.from());
        if (q.accounts() != null) term(filter, "account_id", q.accounts());
        if (q.hasMedia() != null) filter.addObject().putObject("term").put("has_media", q.hasMedia());
        if (q.hasPoll() != null) filter.addObject().putObject("term").put("has_poll", q.hasPoll());
        if (q.isReply() != null) filter.addObject().putObject("term").put("is_reply", q.isReply());
        if (q.sensitive() != null) filter.addObject().putObject("term").put("sensitive", q.sensitive());
        if (q.language() != null) filter.addObject().putObject("term").put("language", q.language());
        if (q.before() != null || q.after() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("created_at");
            if (q.before() != null) range.put("lt", q.before().toString());
            if (q.after() != null) range.put("gte", q.after().toString());
        }
        if (maxId != null || minId != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("status_id");
            if (maxId != null) range.put("lt", maxId);
            if (minId != null) range.put("gt", minId);
        }
        return body;
    }

    /** Mastodon's query words in simple_query_string syntax: the word {@code or} becomes {@code |}. */
    static String words(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String t = m.group();
            tokens.add(t.toLowerCase(Locale.ROOT).equals("or") ? "|" : t);
        }
        return String.join(" ", tokens);
    }

    /** A quoted phrase (with its sign), or a word. */
    private static final Pattern TOKEN = Pattern.compile("-?\"[^\"]*\"?|\\S+");

    private static void term(ArrayNode filter, String field, long value) {
        filter.addObject().putObject("term").put(field, value);
    }
}
