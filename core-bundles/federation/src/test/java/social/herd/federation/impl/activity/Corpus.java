package social.herd.federation.impl.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import social.herd.api.federation.RemoteAccounts.RemoteActor;

/** Loads the real-world documents under {@code src/test/resources/corpus}. */
final class Corpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {}

    static JsonNode load(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parseJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every corpus file, as paths relative to the corpus directory ("mastodon/note-reply.json"). */
    static List<String> all() {
        try {
            URL root = Corpus.class.getResource("/corpus");
            Path dir = Path.of(root.toURI());
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(p -> p.toString().endsWith(".json"))
                        .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RemoteActor actor(String name) throws ActivityFormatException {
        JsonNode doc = Corpus.load(name);
        return ActorParser.parse(doc, ApJson.text(doc, "id"));
    }

    static ParsedObject note(String name) throws ActivityFormatException {
        return NoteParser.parse(Corpus.load(name));
    }

    static ParsedActivity activity(String name) throws ActivityFormatException {
        return ActivityParser.parse(Corpus.load(name));
    }

    /** The Note or Question inside a Create. */
    static ParsedObject created(String name) throws ActivityFormatException {
        ParsedActivity create = activity(name);
        if (!"Create".equals(create.type())) {
            throw new IllegalArgumentException(name + " is a " + create.type() + ", not a Create");
        }
        return NoteParser.parse(create.object());
    }

    static String text(String html) {
        return HtmlSanitizer.toPlainText(html);
    }
}
