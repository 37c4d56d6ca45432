package social.herd.media.impl.image;

/**
 * What an upload is, recognised by its first bytes rather than the type the client claimed (a
 * client's claim costs nothing to fake, and a decoder must never be pointed at a format it does
 * not expect).
 */
public enum MediaFormat {
    JPEG("image/jpeg"), PNG("image/png"), GIF("image/gif"), WEBP("image/webp"),
    /** MP4/MOV, WebM/Matroska, AVI: recognised so the answer can say why it is refused. */
    VIDEO(null),
    /** MP3, Ogg, WAV, FLAC. */
    AUDIO(null),
    UNKNOWN(null);

    /** The MIME type of a supported image format, else null. */
    public final String mimeType;

    MediaFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    public boolean isImage() {
        return mimeType != null;
    }

    /** The format of {@code b}, from its signature. */
    public static MediaFormat of(byte[] b) {
        if (starts(b, 0, 0xff, 0xd8, 0xff)) return JPEG;
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) return PNG;
        if (starts(b, 0, 'G', 'I', 'F', '8')) return GIF;
        if (starts(b, 0, 'R', 'I', 'F', 'F')) {
            if (starts(b, 8, 'W', 'E', 'B', 'P')) return WEBP;
            if (starts(b, 8, 'W', 'A', 'V', 'E')) return AUDIO;
            if (starts(b, 8, 'A', 'V', 'I', ' ')) return VIDEO;
        }
        if (starts(b, 4, 'f', 't', 'y', 'p')) return starts(b, 8, 'M', '4', 'A') ? AUDIO : VIDEO;
        if (starts(b, 0, 0x1a, 0x45, 0xdf, 0xa3)) return VIDEO;
        if (starts(b, 0, 'O', 'g', 'g', 'S') || starts(b, 0, 'I', 'D', '3') || starts(b, 0, 'f', 'L', 'a', 'C')
                || (b.length > 1 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0)) return AUDIO;
        return UNKNOWN;
    }

    private static boolean starts(byte[] b, int offset, int... signature) {
        if (b.length < offset + signature.length) return false;
        for (int i = 0; i < signature.length; i++) {
            if ((b[offset + i] & 0xff) != signature[i]) return false;
        }
        return true;
    }
}
