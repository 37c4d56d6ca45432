package social.herd.federation.impl.ingress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.spi.moderation.Author;

/**
 * What moderation filters are told about an incoming post beyond its text: the sender as this
 * server knows it, the links in the content and how many local people it mentions who do not
 * follow the sender. Spam filters judge by exactly these, so they are computed once here.
 */
final class ModerationFacts {

    private static final Pattern ANCHOR = Pattern.compile("<a\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern MENTION_OR_TAG =
            Pattern.compile("\\b(class\\s*=\\s*\"[^\"]*\\b(mention|hashtag)\\b|rel\\s*=\\s*\"[^\"]*\\btag\\b)", Pattern.CASE_INSENSITIVE);

    private ModerationFacts() {}

    /** The sender with the age and counts this server has for it. */
    static Author author(AccountDirectory accounts, RemoteAccount sender) {
        var stats = accounts.stats(sender.accountId());
        return new Author(sender.accountId(), sender.actor().username(), sender.actor().domain(),
                stats.map(s -> s.createdAt()).orElse(null), stats.map(s -> s.followersCount()).orElse(0L),
                stats.map(s -> s.statusesCount()).orElse(0L));
    }

    /**
     * The http(s) links of sanitised content, leaving out mentions and hashtags (by Mastodon's
     * {@code mention}/{@code hashtag} classes or {@code rel="tag"}, and any link to a mentioned actor).
     */
    static List<String> links(String html, Set<String> mentionUris) {
        List<String> out = new ArrayList<>();
        if (html == null || html.isEmpty()) return out;
        Matcher a = ANCHOR.matcher(html);
        while (a.find()) {
            String attributes = a.group(1);
            if (MENTION_OR_TAG.matcher(attributes).find()) continue;
            Matcher href = HREF.matcher(attributes);
            if (!href.find()) continue;
            String url = href.group(1).replace("&amp;", "&");
            String lower = url.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("http://") || lower.startsWith("https://")) && !mentionUris.contains(url)) out.add(url);
        }
        return out;
    }

    /** How many of the mentioned local accounts do not follow the sender. */
    static int strangers(AccountDirectory accounts, long senderId, Collection<Long> localMentions) {
        return localMentions.isEmpty() ? 0 : accounts.strangers(senderId, localMentions);
    }
}
