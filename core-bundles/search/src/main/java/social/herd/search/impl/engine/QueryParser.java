package social.herd.search.impl.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's search syntax: words, {@code "quoted phrases"}, {@code -excluded} words, and the
 * operators {@code from:}, {@code has:media|poll}, {@code is:reply|sensitive}, {@code language:},
 * {@code before:} and {@code after:} (dates {@code YYYY-MM-DD}); an operator with a leading
 * {@code -} is negated where that makes sense. Unknown operators are kept as words.
 */
public final class QueryParser {

    private static final Pattern TOKEN = Pattern.compile("-?\"[^\"]*\"?|\\S+");
    private static final Pattern OPERATOR = Pattern.compile("(-?)(from|has|is|language|before|after):(\\S+)",
            Pattern.CASE_INSENSITIVE);

    private QueryParser() {}

    /**
     * @param accounts finds an account id by handle ({@code alice} or {@code alice@remote.example});
     *                 a {@code from:} nobody has yields a query that finds nothing
     */
    public static StatusQuery parse(String q, Function<String, Optional<Long>> accounts) {
        List<String> words = new ArrayList<>();
        Long from = null;
        Boolean media = null, poll = null, reply = null, sensitive = null;
        String language = null;
        Instant before = null, after = null;
        boolean impossible = false;
        Matcher t = TOKEN.matcher(q == null ? "" : q.strip());
        while (t.find()) {
            String token = t.group();
            Matcher op = OPERATOR.matcher(token);
            if (!op.matches()) {
                words.add(token);
                continue;
            }
            boolean yes = op.group(1).isEmpty();
            String value = op.group(3).toLowerCase(Locale.ROOT);
            switch (op.group(2).toLowerCase(Locale.ROOT)) {
                case "from" -> {
                    Optional<Long> id = accounts.apply(value.replaceFirst("^@", ""));
                    if (id.isEmpty()) impossible = true;
                    else from = id.get();
                }
                case "has" -> {
                    if (value.equals("media")) media = yes;
                    else if (value.equals("poll")) poll = yes;
                    else words.add(token);
                }
                case "is" -> {
                    if (value.equals("reply")) reply = yes;
                    else if (value.equals("sensitive")) sensitive = yes;
                    else words.add(token);
                }
                case "language" -> language = value.matches("[a-z]{2,3}") ? value : language;
                case "before" -> before = date(value).orElse(before);
                case "after" -> after = date(value).map(d -> d.plusSeconds(86_400)).orElse(after);
                default -> words.add(token);
            }
        }
        String text = String.join(" ", words);
        if (impossible) return new StatusQuery(text, -1L, null, media, poll, reply, sensitive, language, before, after);
        return new StatusQuery(text, from, null, media, poll, reply, sensitive, language, before, after);
    }

    /** The start of the day, UTC. */
    private static Optional<Instant> date(String value) {
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
