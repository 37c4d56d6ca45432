package social.herd.webui.impl.session;

/** Where a form may send the browser back to: a path on this site, never another site. */
public final class Returns {

    private Returns() {}

    /** {@code path} when it is a plain local path, else {@code fallback}. */
    public static String safe(String path, String fallback) {
        if (path == null || path.length() > 300 || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
            return fallback;
        }
        return path.matches("/[A-Za-z0-9_@./?=&%:+-]*") ? path : fallback;
    }
}
