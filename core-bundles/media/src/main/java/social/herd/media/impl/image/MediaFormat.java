package social.herd.media.impl.image;

/**
 * What an upload is, recognised by its first bytes rather than the type the client claimed (a
 * client's claim costs nothing to fake, and a decoder must never be pointed at a format it does
 * not expect). Video and audio containers carry the ffmpeg demuxer that alone may open them.
 */
public enum MediaFormat {
    JPEG("image/jpeg", Kind.IMAGE, null), PNG("image/png", Kind.IMAGE, null),
    /** Still or animated: an animated GIF becomes a {@code gifv} video. */
    GIF("image/gif", Kind.IMAGE, "gif"),
    WEBP("image/webp", Kind.IMAGE, null),
    /** ISO base media: MP4, M4A, 3GP. */
    MP4("video/mp4", Kind.AV, "mov"),
    QUICKTIME("video/quicktime", Kind.AV, "mov"),
    /** WebM and its superset Matroska (one demuxer reads both). */
    WEBM("video/webm", Kind.AV, "matroska"),
    MP3("audio/mpeg", Kind.AV, "mp3"),
    /** Ogg Vorbis or Opus, or Theora video. */
    OGG("audio/ogg", Kind.AV, "ogg"),
    WAV("audio/wav", Kind.AV, "wav"),
    FLAC("audio/flac", Kind.AV, "flac"),
    UNKNOWN(null, Kind.NONE, null);

    /** What processes a format. */
    public enum Kind { IMAGE, AV, NONE }

    /** The MIME type of a supported format, else null. */
    public final String mimeType;
    public final Kind kind;
    /** The ffmpeg demuxer ({@code -f}) for this container, null for still-image formats. */
    public final String demuxer;

    MediaFormat(String mimeType, Kind kind, String demuxer) {
        this.mimeType = mimeType;
        this.kind = kind;
        this.demuxer = demuxer;
    }

    public boolean isImage() {
        return kind == Kind.IMAGE;
    }

    /** Video or audio, which needs ffmpeg. */
    public boolean isAudioVideo() {
        return kind == Kind.AV;
    }

    /** The format of {@code b}, from its signature. */
    public static MediaFormat of(byte[] b) {
        if (starts(b, 0, 0xff, 0xd8, 0xff)) return JPEG;
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) return PNG;
        if (starts(b, 0, 'G', 'I', 'F', '8')) return GIF;
        if (starts(b, 0, 'R', 'I', 'F', 'F')) {
            if (starts(b, 8, 'W', 'E', 'B', 'P')) return WEBP;
            if (starts(b, 8, 'W', 'A', 'V', 'E')) return WAV;
            return UNKNOWN; // AVI and other RIFF files
        }
        if (starts(b, 4, 'f', 't', 'y', 'p')) return starts(b, 8, 'q', 't', ' ', ' ') ? QUICKTIME : MP4;
        // QuickTime files from old cameras start with a moov/mdat/wide atom instead of ftyp
        if (starts(b, 4, 'm', 'o', 'o', 'v') || starts(b, 4, 'w', 'i', 'd', 'e') || starts(b, 4, 'm', 'd', 'a', 't')) {
            return QUICKTIME;
        }
        if (starts(b, 0, 0x1a, 0x45, 0xdf, 0xa3)) return WEBM;
        if (starts(b, 0, 'O', 'g', 'g', 'S')) return OGG;
        if (starts(b, 0, 'f', 'L', 'a', 'C')) return FLAC;
        if (starts(b, 0, 'I', 'D', '3') || mpegAudioFrame(b)) return MP3;
        return UNKNOWN;
    }

    /** An MPEG audio frame header: 11 sync bits, a valid version, layer III, a valid bitrate index. */
    private static boolean mpegAudioFrame(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xe0) != 0xe0) return false;
        int version = (b[1] >> 3) & 3, layer = (b[1] >> 1) & 3, bitrate = (b[2] >> 4) & 0xf;
        return version != 1 && layer == 1 && bitrate != 0 && bitrate != 0xf;
    }

    private static boolean starts(byte[] b, int offset, int... signature) {
        if (b.length < offset + signature.length) return false;
        for (int i = 0; i < signature.length; i++) {
            if ((b[offset + i] & 0xff) != signature[i]) return false;
        }
        return true;
    }
}
