package social.herd.media.impl.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What ffprobe ({@code -print_format json -show_format -show_streams}) says about a file: the
 * container, and the first real video stream (cover art in audio files is not video) and audio
 * stream. Sizes are as displayed: a phone video stored sideways with a rotation reads upright, and
 * non-square pixels are widened to square ones.
 *
 * @param duration seconds, or 0 when the container does not say (live WebM recordings)
 * @param bitrate  bits per second of the whole file, or 0 when unknown
 */
record Probe(String formatName, double duration, long bitrate, Video video, Audio audio) {

    /**
     * The video stream.
     *
     * @param index     the stream's index in the file
     * @param frameRate as ffprobe writes it ({@code "30000/1001"}); "0/0" when unknown
     */
    record Video(int index, String codec, int width, int height, String frameRate) {

        /** Frames per second, 0 when unknown. */
        double fps() {
            String[] parts = frameRate.split("/");
            try {
                double n = Double.parseDouble(parts[0]), d = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
                return d > 0 && n > 0 ? n / d : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** The audio stream; {@code index} is its index in the file. */
    record Audio(int index, String codec, int sampleRate, int channels) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean hasVideo() {
        return video != null;
    }

    boolean hasAudio() {
        return audio != null;
    }

    /** Parses ffprobe's JSON; throws for anything that is not its output. */
    static Probe parse(String json) throws JsonProcessingException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.path("format").isObject()) throw new IllegalArgumentException("no format in ffprobe output");
        JsonNode format = root.path("format");
        Video video = null;
        Audio audio = null;
        double streamDuration = 0;
        for (JsonNode s : root.path("streams")) {
            String type = s.path("codec_type").asText();
            if (video == null && type.equals("video") && s.path("disposition").path("attached_pic").asInt() == 0
                    && s.path("width").asInt() > 0 && s.path("height").asInt() > 0) {
                video = video(s);
                streamDuration = Math.max(streamDuration, number(s.path("duration")));
            } else if (audio == null && type.equals("audio")) {
                audio = new Audio(s.path("index").asInt(), s.path("codec_name").asText("unknown"), (int) number(s.path("sample_rate")),
                        s.path("channels").asInt());
                streamDuration = Math.max(streamDuration, number(s.path("duration")));
            }
        }
        double duration = number(format.path("duration"));
        return new Probe(format.path("format_name").asText(""), duration > 0 ? duration : streamDuration,
                (long) number(format.path("bit_rate")), video, audio);
    }

    private static Video video(JsonNode s) {
        int w = s.path("width").asInt(), h = s.path("height").asInt();
        // non-square pixels (anamorphic DV, some broadcast files): the width as displayed
        String[] sar = s.path("sample_aspect_ratio").asText("1:1").split(":");
        try {
            double ratio = Double.parseDouble(sar[0]) / Double.parseDouble(sar[1]);
            if (ratio > 0.1 && ratio < 10 && Math.abs(ratio - 1) > 0.01) w = (int) Math.round(w * ratio);
        } catch (RuntimeException e) {
            // "0:1" (unknown) or garbage: square pixels
        }
        if (Math.abs(rotation(s)) % 180 == 90) {
            int t = w;
            w = h;
            h = t;
        }
        String rate = s.path("avg_frame_rate").asText("0/0");
        if (rate.startsWith("0/") || rate.equals("0")) rate = s.path("r_frame_rate").asText("0/0");
        return new Video(s.path("index").asInt(), s.path("codec_name").asText("unknown"), w, h, rate);
    }

    /** Degrees from the display matrix (ffmpeg 5+) or the older {@code rotate} tag. */
    private static int rotation(JsonNode s) {
        for (JsonNode side : s.path("side_data_list")) {
            if (side.has("rotation")) return side.path("rotation").asInt();
        }
        String tag = s.path("tags").path("rotate").asText("0");
        try {
            return Integer.parseInt(tag.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** ffprobe writes numbers as strings, and "N/A" when it does not know. */
    private static double number(JsonNode node) {
        if (node.isNumber()) return node.asDouble();
        try {
            double v = Double.parseDouble(node.asText(""));
            return Double.isFinite(v) && v > 0 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
