package social.herd.platform.impl.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.herd.platform.impl.backup.Catalog.Migration;
import social.herd.platform.impl.backup.Catalog.Sequence;
import social.herd.platform.impl.backup.Catalog.Table;

/**
 * {@code manifest.json} of a backup folder: what was saved, from which Herd and schema. It is
 * written last, so a folder without one is an interrupted backup and restore refuses it.
 *
 * @param media {@code local} (files in {@code media/}), {@code s3} (not copied: the bucket is its
 *              own store) or {@code none} (no media folder yet)
 */
record Manifest(int format, String herdVersion, Instant createdAt, String postgresVersion, List<Migration> schema,
                List<Entry> tables, List<Sequence> sequences, String media, long mediaFiles, long confFiles) {

    /** The layout version of backup folders; restore refuses others. */
    static final int FORMAT = 1;
    static final String FILE = "manifest.json";
    static final String TABLES = "tables";
    static final String MEDIA = "media";
    static final String CONF = "conf";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One saved table: its columns in file order, its rows, its file under {@code tables/}. */
    record Entry(String name, List<String> columns, long rows, String file) {
        Table table() {
            return new Table(name, columns);
        }
    }

    void write(Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("herd_version", herdVersion);
        root.put("created_at", createdAt.toString());
        root.put("postgres_version", postgresVersion);
        ArrayNode history = root.putArray("schema_history");
        for (Migration m : schema) {
            history.addObject().put("bundle", m.bundle()).put("version", m.version()).put("checksum", m.checksum());
        }
        ArrayNode list = root.putArray("tables");
        for (Entry e : tables) {
            ObjectNode t = list.addObject().put("name", e.name()).put("rows", e.rows()).put("file", e.file());
            ArrayNode columns = t.putArray("columns");
            e.columns().forEach(columns::add);
        }
        ArrayNode seqs = root.putArray("sequences");
        for (Sequence s : sequences) {
            ObjectNode n = seqs.addObject().put("name", s.name()).put("start_value", s.startValue());
            if (s.lastValue() == null) n.putNull("last_value");
            else n.put("last_value", s.lastValue());
        }
        root.put("media", media);
        root.put("media_files", mediaFiles);
        root.put("conf_files", confFiles);
        Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(root) + "\n");
    }

    /**
     * Reads {@code dir/manifest.json}.
     *
     * @throws IOException when it is missing or not a manifest Herd wrote (the message says which)
     */
    static Manifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: not a Herd backup, or one that did not finish");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IOException(file + " has format " + root.path("format") + "; this Herd reads format " + FORMAT);
        }
        List<Migration> schema = new ArrayList<>();
        for (JsonNode m : root.path("schema_history")) {
            schema.add(new Migration(text(m, "bundle", file), m.path("version").asInt(), text(m, "checksum", file)));
        }
        List<Entry> tables = new ArrayList<>();
        for (JsonNode t : root.path("tables")) {
            List<String> columns = new ArrayList<>();
            t.path("columns").forEach(c -> columns.add(c.asText()));
            String name = text(t, "name", file);
            String tableFile = text(t, "file", file);
            // the file name comes from the manifest: it must stay inside tables/
            if (!tableFile.equals(Path.of(tableFile).getFileName().toString())) {
                throw new IOException(file + ": table file name '" + tableFile + "' is not a plain file name");
            }
            tables.add(new Entry(name, List.copyOf(columns), t.path("rows").asLong(), tableFile));
        }
        List<Sequence> sequences = new ArrayList<>();
        for (JsonNode s : root.path("sequences")) {
            JsonNode last = s.path("last_value");
            sequences.add(new Sequence(text(s, "name", file), last.isNumber() ? last.asLong() : null,
                    s.path("start_value").asLong(1)));
        }
        Instant created;
        try {
            created = Instant.parse(text(root, "created_at", file));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException(file + ": created_at is not a time: " + e.getMessage(), e);
        }
        return new Manifest(format, root.path("herd_version").asText("?"), created,
                root.path("postgres_version").asText("?"), List.copyOf(schema), List.copyOf(tables),
                List.copyOf(sequences), root.path("media").asText("none"), root.path("media_files").asLong(),
                root.path("conf_files").asLong());
    }

    long totalRows() {
        return tables.stream().mapToLong(Entry::rows).sum();
    }

    private static String text(JsonNode node, String field, Path file) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw new IOException(file + ": field '" + field + "' is missing");
        return v.asText();
    }
}
