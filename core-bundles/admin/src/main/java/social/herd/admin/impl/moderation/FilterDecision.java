package social.herd.admin.impl.moderation;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.SignUp;
import social.herd.spi.moderation.Verdict;

/**
 * One decision of one filter worth a moderator's look: a reject, hold or rewrite, or a failure.
 *
 * @param outcome   {@code reject}, {@code hold}, {@code rewrite}, {@code error}, {@code timeout} or {@code overloaded}
 * @param accountId the local author or known remote sender, or null
 * @param excerpt   the start of a public or unlisted post; empty for anything more private
 */
record FilterDecision(ModerationContext context, String filter, String outcome, String reason, String rewrites,
                String subject, Long accountId, String excerpt) {

    static final int EXCERPT_MAX = 280;
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    /** A filter's verdict about {@code subject}. */
    static FilterDecision of(String filter, Verdict v, ModerationSubject subject) {
        Set<String> rewrites = new TreeSet<>();
        for (Verdict.Rewrite r : v.rewrites()) rewrites.add(r.name().toLowerCase(Locale.ROOT));
        return about(subject, filter, v.decision().name().toLowerCase(Locale.ROOT), v.reason(), String.join(",", rewrites));
    }

    /** A filter that threw, overran its budget or could not be run. */
    static FilterDecision failure(String filter, String cause, ModerationSubject subject) {
        return about(subject, filter, cause, "", "");
    }

    private static FilterDecision about(ModerationSubject s, String filter, String outcome, String reason, String rewrites) {
        String subject;
        Long account = null;
        String excerpt = "";
        switch (s) {
            case LocalPost p -> {
                subject = "@" + p.username() + (p.edit() ? " (edit)" : "");
                account = p.accountId();
                excerpt = shown(p.visibility()) ? p.text() : "";
            }
            case IncomingActivity a -> {
                subject = a.type() + (a.objectType().isEmpty() ? "" : " " + a.objectType()) + " by " + a.actorUri();
                account = a.author().accountId() > 0 ? a.author().accountId() : null;
                excerpt = shown(a.visibility()) && a.isPost() ? TAGS.matcher(a.contentHtml()).replaceAll(" ").strip() : "";
            }
            // never the e-mail address: moderators see it in the account view, not in logs of filters
            case SignUp u -> subject = "sign-up " + u.username();
            default -> subject = s.getClass().getSimpleName();
        }
        return new FilterDecision(s.context(), filter, outcome, reason, rewrites, subject, account, cut(excerpt));
    }

    private static boolean shown(String visibility) {
        return "public".equals(visibility) || "unlisted".equals(visibility);
    }

    private static String cut(String text) {
        return text.codePointCount(0, text.length()) <= EXCERPT_MAX ? text
                : text.substring(0, text.offsetByCodePoints(0, EXCERPT_MAX)) + "…";
    }
}
