package social.herd.search.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusDirectory.TagDay;
import social.herd.web.api.ApiException;

/**
 * {@code GET /api/v1/trends/tags}, basic: the hashtags used by the most people in public posts of
 * the last week, each with Mastodon's daily history (newest day first). Public, like Mastodon's.
 * No review step and no decay: the figures are raw counts.
 */
@Component(service = TrendsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/trends/tags")
@Produces(MediaType.APPLICATION_JSON)
public final class TrendsResource {

    static final int DAYS = 7;

    private final StatusDirectory statuses;
    private final ServerSettings server;

    @Activate
    public TrendsResource(@Reference StatusDirectory statuses, @Reference ServerSettings server) {
        this.statuses = statuses;
        this.server = server;
    }

    @GET
    public List<Map<String, Object>> tags(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int max = number(limit, 10, 20, "limit");
        int skip = number(offset, 0, 100, "offset");
        Map<String, Map<LocalDate, TagDay>> byTag = new LinkedHashMap<>();
        for (TagDay d : statuses.tagUses(DAYS, skip + max)) byTag.computeIfAbsent(d.name(), k -> new LinkedHashMap<>()).put(d.day(), d);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Map<LocalDate, TagDay>> tag : byTag.entrySet()) {
            List<Map<String, String>> history = new ArrayList<>();
            long people = 0;
            for (int i = 0; i < DAYS; i++) {
                LocalDate day = today.minusDays(i);
                TagDay d = tag.getValue().get(day);
                history.add(Map.of("day", Long.toString(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond()),
                        "uses", Long.toString(d == null ? 0 : d.uses()), "accounts", Long.toString(d == null ? 0 : d.accounts())));
                people += d == null ? 0 : d.accounts();
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", tag.getKey());
            t.put("url", server.publicUrl() + "/tags/" + tag.getKey());
            t.put("history", history);
            t.put("people", people);
            out.add(t);
        }
        out.sort(Comparator.comparingLong((Map<String, Object> t) -> -(long) t.get("people")).thenComparing(t -> (String) t.get("name")));
        out.forEach(t -> t.remove("people"));
        return out.subList(Math.min(skip, out.size()), Math.min(skip + max, out.size()));
    }

    private static int number(String value, int fallback, int max, String name) {
        if (value == null || value.isBlank()) return fallback;
        if (!value.matches("[0-9]{1,6}")) throw ApiException.unprocessable(name + " must be a number");
        return Math.min(Integer.parseInt(value), max);
    }
}
