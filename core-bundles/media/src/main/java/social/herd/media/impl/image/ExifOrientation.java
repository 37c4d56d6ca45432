package social.herd.media.impl.image;

import java.awt.geom.AffineTransform;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0 of its APP1 "Exif" segment), read straight
 * from the bytes: a few dozen lines instead of a metadata library to embed. Anything malformed
 * counts as "as stored" (1), because orientation is cosmetic and must never fail an upload.
 */
final class ExifOrientation {

    private ExifOrientation() {}

    /** 1 (as stored) to 8; 1 when absent or unreadable. */
    static int of(byte[] jpeg) {
        try {
            int pos = 2; // after SOI
            while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
                int marker = jpeg[pos + 1] & 0xff;
                if (marker == 0xda || marker == 0xd9) return 1; // image data starts: no more metadata
                int length = u16(jpeg, pos + 2, true);
                if (marker == 0xe1 && length >= 8 && ascii(jpeg, pos + 4, "Exif\0\0")) {
                    int value = fromTiff(jpeg, pos + 10, pos + 2 + length);
                    if (value != 0) return value;
                }
                pos += 2 + length;
            }
        } catch (IndexOutOfBoundsException e) {
            // a lying length field: treat as no orientation
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean big;
        if (ascii(b, tiff, "MM")) big = true;
        else if (ascii(b, tiff, "II")) big = false;
        else return 0;
        if (u16(b, tiff + 2, big) != 42) return 0;
        int ifd = tiff + (int) u32(b, tiff + 4, big);
        int entries = u16(b, ifd, big);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > end) return 0;
            if (u16(b, entry, big) == 0x0112 && u16(b, entry + 2, big) == 3) {
                int value = u16(b, entry + 8, big);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    /** Whether the orientation swaps width and height. */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5;
    }

    /**
     * Maps a {@code w}x{@code h} stored image onto its upright position (origin top left), as
     * the EXIF specification defines the eight orientations.
     */
    static AffineTransform transform(int orientation, double w, double h) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored vertically
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // stored turned left: turn right
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transverse
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // stored turned right: turn left
            default -> new AffineTransform();
        };
    }

    private static boolean ascii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) if (b[at + i] != s.charAt(i)) return false;
        return true;
    }

    private static int u16(byte[] b, int at, boolean big) {
        int x = b[at] & 0xff, y = b[at + 1] & 0xff;
        return big ? x << 8 | y : y << 8 | x;
    }

    private static long u32(byte[] b, int at, boolean big) {
        long hi = u16(b, big ? at : at + 2, big), lo = u16(b, big ? at + 2 : at, big);
        return hi << 16 | lo;
    }
}
