package social.herd.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small {@code multipart/form-data} reader for uploads (a file or two and a few text fields), so
 * that resources need no extra bundle. The body is read into memory, bounded by the caller's limit;
 * nothing is spooled to disk.
 */
public final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(?<![a-z])name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /**
     * A file sent in the form.
     *
     * @param filename    the name the client gave it (never trust it for storage)
     * @param contentType the part's declared type, or null
     * @param bytes       the content
     */
    public record FilePart(String filename, String contentType, byte[] bytes) {}

    /** Text values and files by field name. */
    public record Parts(Map<String, String> values, Map<String, FilePart> files) {}

    private Multipart() {}

    /**
     * Reads the whole body (at most {@code maxBytes}) and splits it into fields and files.
     *
     * @param tooLarge the error a client gets for a body over {@code maxBytes}
     * @throws ApiException 400 for a body without boundary or malformed parts, {@code tooLarge}
     *                      when over the limit
     */
    public static Parts read(String contentType, InputStream body, int maxBytes, ApiException tooLarge) throws IOException {
        Matcher b = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (b == null || !b.find()) throw ApiException.badRequest("multipart body without boundary");
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) throw tooLarge;
        // ISO-8859-1 maps every byte to one char, so string indexes are byte offsets
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(2);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, FilePart> files = new HashMap<>();
        int pos = raw.indexOf(delimiter);
        while (pos >= 0) {
            int start = pos + delimiter.length();
            if (raw.startsWith("--", start)) break; // closing delimiter
            int headersStart = raw.indexOf("\r\n", start) + 2;
            int headersEnd = raw.indexOf("\r\n\r\n", headersStart);
            int next = headersEnd < 0 ? -1 : raw.indexOf("\r\n" + delimiter, headersEnd);
            if (headersStart < 2 || headersEnd < 0 || next < 0) throw ApiException.badRequest("malformed multipart body");
            part(raw.substring(headersStart, headersEnd), bytes, headersEnd + 4, next, values, files);
            pos = next + 2;
        }
        return new Parts(values, files);
    }

    private static void part(String headers, byte[] bytes, int from, int to, Map<String, String> values,
                             Map<String, FilePart> files) {
        String disposition = null, type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (header.equals("content-disposition")) disposition = line.substring(colon + 1);
            if (header.equals("content-type")) type = line.substring(colon + 1).trim();
        }
        if (disposition == null) return;
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) return;
        String field = new String(name.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOfRange(bytes, from, to);
        Matcher filename = FILENAME.matcher(disposition);
        if (filename.find()) files.put(field, new FilePart(filename.group(1), type, content));
        else values.put(field, new String(content, StandardCharsets.UTF_8));
    }
}
