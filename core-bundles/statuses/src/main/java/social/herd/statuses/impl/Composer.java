package social.herd.statuses.impl;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.config.ServerSettings;
import social.herd.api.federation.Resolver;
import social.herd.api.moderation.Moderation;
import social.herd.spi.moderation.Author;
import social.herd.spi.moderation.LocalPost;
import social.herd.spi.moderation.ModerationContext;
import social.herd.spi.moderation.Verdict;
import social.herd.statuses.impl.text.HtmlFormatter;
import social.herd.statuses.impl.text.TextEntities;
import social.herd.statuses.impl.text.TextEntities.Entity;
import social.herd.statuses.impl.text.TextEntities.Kind;
import social.herd.web.api.ApiException;

/**
 * What posting and editing share, before any transaction: the checks, the moderation chain and
 * rendering. A new post and an edit pass exactly the same rules, so an edit cannot sneak in what
 * a post would be refused for.
 */
final class Composer {

    private final Supplier<Resolver> resolver;

    /** Mastodon's default character limit. */
    static final int MAX_CHARS = 500;

    private final AccountDirectory accounts;
    private final ServerSettings server;
    private final StatusViews views;
    private final Supplier<Moderation> moderation;

    Composer(AccountDirectory accounts, ServerSettings server, StatusViews views, Supplier<Moderation> moderation,
             Supplier<Resolver> resolver) {
        this.resolver = resolver;
        this.accounts = accounts;
        this.server = server;
        this.views = views;
        this.moderation = moderation;
    }

    /**
     * A status as it will be stored.
     *
     * @param mediaIds   the media to attach (empty after a STRIP_MEDIA rewrite)
     * @param stripMedia a moderation rewrite removed the media: an edit detaches kept ones too
     * @param mentions   the local accounts mentioned, which may see a private or direct post
     */
    record Draft(String text, String content, String spoilerText, boolean sensitive, String visibility, String language,
                 List<Long> mediaIds, boolean stripMedia, List<AccountSummary> mentions, Set<String> tags, boolean held,
                 PollRequest poll) {}

    /**
     * Checks, reviews and renders {@code in}.
     *
     * @param visibility  already checked and normalised
     * @param keptMedia   media an edit keeps attached (0 for a new post)
     * @param edit        whether the moderation chain sees an edit
     */
    Draft compose(long authorId, PostRequest in, String visibility, int keptMedia, boolean edit) {
        AccountSummary author = check(authorId, in, keptMedia);
        int mediaCount = in.mediaIds().size() + keptMedia;

        List<Entity> entities = TextEntities.extract(in.text());
        List<String> mentioned = entities.stream().filter(e -> e.kind() == Kind.MENTION).map(Entity::acct).distinct().toList();
        // resolved before review: filters count the mentioned accounts that do not follow the author
        Map<String, AccountSummary> resolved = resolve(mentioned);
        Moderation mod = moderation.get();
        // the facts cost database reads: gathered only when a filter will look at them
        Verdict verdict = mod == null || !mod.judges(edit ? ModerationContext.EDIT : ModerationContext.LOCAL_POST)
                ? Verdict.accept()
                : mod.review(new LocalPost(authorId, author.username(), in.text(), in.spoilerText(), in.sensitive(),
                        visibility, mediaCount, mentioned, edit, moderationAuthor(author),
                        entities.stream().filter(e -> e.kind() == Kind.URL).map(Entity::value).toList(),
                        resolved.isEmpty() ? 0 : accounts.strangers(authorId, resolved.values().stream().map(AccountSummary::id).toList())));
        if (verdict.decision() == Verdict.Decision.REJECT) {
            throw ApiException.unprocessable(verdict.reason().isBlank() ? "This post was rejected" : verdict.reason());
        }
        Set<Verdict.Rewrite> rewrites = verdict.decision() == Verdict.Decision.REWRITE ? verdict.rewrites() : Set.of();
        boolean sensitive = in.sensitive() || rewrites.contains(Verdict.Rewrite.MARK_SENSITIVE);
        String spoiler = in.spoilerText();
        if (rewrites.contains(Verdict.Rewrite.ADD_CONTENT_WARNING) && spoiler.isEmpty()) {
            spoiler = verdict.reason().isBlank() ? "Content warning" : verdict.reason();
        }
        String vis = rewrites.contains(Verdict.Rewrite.LOWER_VISIBILITY) && visibility.equals("public") ? "unlisted" : visibility;
        boolean strip = rewrites.contains(Verdict.Rewrite.STRIP_MEDIA);
        Map<String, AccountSummary> targets = rewrites.contains(Verdict.Rewrite.DROP_MENTIONS) ? Map.of() : resolved;
        Map<String, String> links = new LinkedHashMap<>();
        targets.forEach((acct, a) -> links.put(acct, a.local() ? views.profileUrl(a.username())
                : "https://" + a.domain() + "/@" + a.username()));
        String content = HtmlFormatter.format(in.text(), entities, links, server.publicUrl());
        Set<String> tags = new LinkedHashSet<>();
        for (Entity e : entities) if (e.kind() == Kind.HASHTAG) tags.add(e.value().toLowerCase(Locale.ROOT));
        String language = in.language() == null || in.language().isBlank() ? null : in.language().strip().toLowerCase(Locale.ROOT);
        return new Draft(in.text(), content, spoiler, sensitive, vis, language, strip ? List.of() : in.mediaIds(), strip,
                List.copyOf(new LinkedHashSet<>(targets.values())), tags, verdict.decision() == Verdict.Decision.HOLD,
                in.poll());
    }

    /**
     * The checks that need no moderation: text, length, media, poll and a usable author (422 or
     * 404). A scheduled status passes them when scheduled, and all of compose when it is published.
     */
    AccountSummary check(long authorId, PostRequest in, int keptMedia) {
        int mediaCount = in.mediaIds().size() + keptMedia;
        if (in.text().isBlank() && mediaCount == 0) throw ApiException.unprocessable("Validation failed: Text can't be blank");
        if (TextEntities.length(in.text(), in.spoilerText()) > MAX_CHARS) {
            throw ApiException.unprocessable("Validation failed: Text character limit of " + MAX_CHARS + " exceeded");
        }
        if (!in.mediaIds().isEmpty() && views.media() == null) throw ApiException.unprocessable("Media uploads are not available");
        if (in.poll() != null) {
            in.poll().validate();
            // Mastodon answers this with its "too many attachments" error; ours says what is wrong
            if (mediaCount > 0) throw ApiException.unprocessable("Validation failed: A post cannot have both media and a poll");
        }
        return accounts.byId(authorId).filter(a -> !a.suspended()).orElseThrow(ApiException::notFound);
    }

    /** The author as filters see it: age and counts from the accounts bundle. */
    private Author moderationAuthor(AccountSummary a) {
        return accounts.stats(a.id())
                .map(st -> new Author(a.id(), a.username(), "", st.createdAt(), st.followersCount(), st.statusesCount()))
                .orElseGet(() -> new Author(a.id(), a.username(), "", null, 0, 0));
    }

    /** Local accounts for {@code @user} and {@code @user@<this server>}; unknown ones stay text. */
    private Map<String, AccountSummary> resolve(List<String> accts) {
        Map<String, AccountSummary> out = new LinkedHashMap<>();
        for (String acct : accts) {
            int at = acct.indexOf('@');
            String domain = at < 0 ? null : acct.substring(at + 1);
            if (domain != null && !domain.equalsIgnoreCase(server.localDomain()) && !domain.equalsIgnoreCase(server.webDomain())) {
                // accounts of other servers: known ones at once, others looked up by federation
                Resolver r = resolver.get();
                if (r != null) {
                    r.account(acct).flatMap(accounts::byId).filter(x -> !x.suspended()).ifPresent(x -> out.put(acct, x));
                }
                continue;
            }
            Optional<AccountSummary> a = accounts.localByUsername(at < 0 ? acct : acct.substring(0, at));
            a.filter(x -> !x.suspended()).ifPresent(x -> out.put(acct, x));
        }
        return out;
    }
}
