package social.herd.statuses.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.filters.ContentFilters;
import social.herd.statuses.impl.StatusEntities.Status;

/**
 * Applies the viewer's filters v2 (the filters bundle's {@link ContentFilters}, when installed)
 * to rendered statuses: matches get {@code filtered}, "hide" matches are left out. A reblog is
 * matched on the post it reblogs, as Mastodon does.
 */
@Component(service = StatusFiltering.class)
public final class StatusFiltering {

    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private volatile ContentFilters filters;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setFilters(ContentFilters filters) {
        this.filters = filters;
    }

    public void unsetFilters(ContentFilters gone) {
        if (this.filters == gone) this.filters = null;
    }

    /** {@code statuses} as {@code viewerId} sees them in {@code context}; unchanged without filters. */
    public List<Status> apply(Long viewerId, String context, List<Status> statuses) {
        ContentFilters f = filters;
        if (f == null || viewerId == null || context == null || statuses.isEmpty()) return statuses;
        // a reblog is matched as the post it reblogs (keywords and status filters alike)
        Map<Long, ContentFilters.Subject> subjects = new java.util.LinkedHashMap<>();
        for (Status s : statuses) {
            Status proper = s.reblog() != null ? s.reblog() : s;
            long id = Long.parseLong(proper.id());
            subjects.computeIfAbsent(id, k -> new ContentFilters.Subject(k, text(proper)));
        }
        Map<Long, ContentFilters.Outcome> outcomes = f.apply(viewerId, context, subjects.values());
        if (outcomes.isEmpty()) return statuses;
        List<Status> out = new ArrayList<>(statuses.size());
        for (Status s : statuses) {
            Status proper = s.reblog() != null ? s.reblog() : s;
            ContentFilters.Outcome o = outcomes.get(Long.parseLong(proper.id()));
            if (o == null) out.add(s);
            else if (!o.hide()) out.add(StatusEntities.withFiltered(s, o.results()));
        }
        return out;
    }

    /** Plain text a keyword is matched against: content, content warning, poll options, media descriptions. */
    static String text(Status s) {
        StringBuilder b = new StringBuilder();
        b.append(plain(s.content())).append('\n').append(s.spoilerText());
        if (s.poll() instanceof StatusEntities.Poll p) p.options().forEach(o -> b.append('\n').append(o.title()));
        for (Object m : s.mediaAttachments()) {
            String d = social.herd.web.api.Json.mapper().valueToTree(m).path("description").asText("");
            if (!d.isEmpty()) b.append('\n').append(d);
        }
        return b.toString();
    }

    private static String plain(String html) {
        if (html == null) return "";
        String t = TAGS.matcher(html.replace("<br>", "\n").replace("</p><p>", "\n\n")).replaceAll("");
        return t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
