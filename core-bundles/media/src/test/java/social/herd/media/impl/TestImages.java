package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Images made for the tests, including hand-built EXIF and hostile files. */
final class TestImages {

    private TestImages() {}

    /** A JPEG of a colourful gradient with a dark block top left (to see orientation). */
    static byte[] jpeg(int w, int h) throws IOException {
        return write(picture(w, h, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A PNG with transparency. */
    static byte[] transparentPng(int w, int h) throws IOException {
        BufferedImage image = picture(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00ffffff);
        return write(image, "png");
    }

    private static BufferedImage picture(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(230, 120, 30), w, h, new Color(20, 90, 200)));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w / 4, h / 4);
        g.dispose();
        return image;
    }

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
        return out.toByteArray();
    }

    /**
     * {@code jpeg} with an APP1 Exif segment right after SOI: IFD0 with Orientation and a GPS IFD
     * pointer; the GPS IFD with latitude 52°31'12.34" N and longitude 13°24'56.78" E.
     */
    static byte[] withExifGps(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(140); // big endian, as "MM" says
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        // IFD0 at 8: two entries, then the next-IFD offset
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);
        tiff.putInt(0);
        // GPS IFD at 38: four entries; rationals follow at 92 and 116
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(92);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(116);
        tiff.putInt(0);
        tiff.putInt(52).putInt(1).putInt(31).putInt(1).putInt(1234).putInt(100);
        tiff.putInt(13).putInt(1).putInt(24).putInt(1).putInt(5678).putInt(100);
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        int length = payload.length + 2;
        byte[] app1 = concat(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length}, payload);
        return concat(Arrays.copyOf(jpeg, 2), app1, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** The GPS directory of a JPEG's Exif, read with TwelveMonkeys' metadata reader; null when none. */
    static Directory gps(byte[] jpeg) throws IOException {
        Directory ifd0 = exif(jpeg);
        if (ifd0 == null) return null;
        Entry pointer = ifd0.getEntryById(TIFF.TAG_GPS_IFD);
        return pointer == null ? null : (Directory) pointer.getValue();
    }

    /** IFD0 of a JPEG's Exif; null when it has none. */
    static Directory exif(byte[] jpeg) throws IOException {
        List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(
                new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)), JPEG.APP1, "Exif");
        if (segments.isEmpty()) return null;
        InputStream data = segments.get(0).data();
        assertThat(data.read()).as("the pad byte after 'Exif'").isZero();
        return new TIFFReader().read(new MemoryCacheImageInputStream(data));
    }

    /** The markers of all APPn segments of a JPEG. */
    static List<Integer> appMarkers(byte[] jpeg) throws IOException {
        return JPEGSegmentUtil.readSegments(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)),
                JPEGSegmentUtil.APP_SEGMENTS).stream().map(JPEGSegment::marker).toList();
    }

    /** A valid PNG header claiming {@code w}x{@code h} RGB pixels, followed by a few bytes of data. */
    static byte[] pngBomb(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
