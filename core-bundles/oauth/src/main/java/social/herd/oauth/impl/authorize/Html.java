package social.herd.oauth.impl.authorize;

/** HTML escaping for text and attribute values (quoted with {@code "}). */
final class Html {

    private Html() {}

    /** Escapes {@code & < > " '}; {@code null} becomes the empty string. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
