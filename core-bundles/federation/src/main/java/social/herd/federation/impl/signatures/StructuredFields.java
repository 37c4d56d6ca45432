package social.herd.federation.impl.signatures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of RFC 8941 structured fields that signatures need: a dictionary of inner lists
 * of strings with parameters (Signature-Input) and a dictionary of byte sequences (Signature).
 * Parameter values are kept as their serialised text so that @signature-params is rebuilt
 * exactly as the sender wrote it.
 */
final class StructuredFields {
    private StructuredFields() {}

    /** One Signature-Input member. */
    record Member(String label, List<String> items, Map<String, String> params) {}

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static List<Member> parseInputs(String text) throws SignatureException {
        List<Member> out = new ArrayList<>();
        Cursor c = new Cursor(text);
        while (true) {
            c.skipSpace();
            if (c.done()) return out;
            String label = c.token();
            c.expect('=');
            c.expect('(');
            List<String> items = new ArrayList<>();
            while (true) {
                c.skipSpace();
                if (c.peek() == ')') { c.i++; break; }
                items.add(c.string());
                if (c.peek() == ';') throw c.error("component parameters are not supported");
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (!c.done() && c.peek() == ';') {
                c.i++;
                String k = c.token();
                c.expect('=');
                params.put(k, c.peek() == '"' ? quote(c.string()) : c.bare());
            }
            out.add(new Member(label, List.copyOf(items), params));
            c.skipSpace();
            if (!c.done()) c.expect(',');
        }
    }

    /** The base64 text of member {@code label} in a dictionary of byte sequences, or null. */
    static String byteSequence(String text, String label) throws SignatureException {
        if (text == null) return null;
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            if (part.substring(0, eq).strip().equals(label)) {
                String v = part.substring(eq + 1).strip();
                if (v.length() < 2 || v.charAt(0) != ':' || v.charAt(v.length() - 1) != ':') {
                    throw new SignatureException(SignatureException.Reason.MALFORMED, null, "Signature value");
                }
                return v.substring(1, v.length() - 1);
            }
        }
        return null;
    }

    private static final class Cursor {
        final String s;
        int i;

        Cursor(String s) { this.s = s; }

        boolean done() { return i >= s.length(); }

        char peek() { return done() ? '\0' : s.charAt(i); }

        void skipSpace() { while (!done() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++; }

        SignatureException error(String what) {
            return new SignatureException(SignatureException.Reason.MALFORMED, null, "Signature-Input: " + what);
        }

        void expect(char ch) throws SignatureException {
            skipSpace();
            if (peek() != ch) throw error("expected '" + ch + "' at " + i);
            i++;
        }

        String token() throws SignatureException {
            skipSpace();
            int start = i;
            while (!done() && (Character.isLetterOrDigit(peek()) || "-_.*".indexOf(peek()) >= 0)) i++;
            if (start == i) throw error("expected a name at " + i);
            return s.substring(start, i);
        }

        String bare() throws SignatureException {
            int start = i;
            while (!done() && "; ,)".indexOf(peek()) < 0) i++;
            if (start == i) throw error("expected a value at " + i);
            return s.substring(start, i);
        }

        String string() throws SignatureException {
            if (peek() != '"') throw error("expected a string at " + i);
            StringBuilder sb = new StringBuilder();
            i++;
            while (!done() && peek() != '"') {
                if (peek() == '\\') i++;
                sb.append(s.charAt(i++));
            }
            if (done()) throw error("unterminated string");
            i++;
            return sb.toString();
        }
    }
}
