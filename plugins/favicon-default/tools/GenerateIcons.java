import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the default Herd mark (a green disc with a white "H"-shaped fence) at every size the
 * favicon set lists and writes favicon.ico with the 16 and 32 px PNGs inside. Run from the module
 * folder: {@code java tools/GenerateIcons.java}; the output is committed under
 * src/main/resources/favicon.
 */
public class GenerateIcons {

    static final Color GREEN = new Color(0x2f, 0x7d, 0x4f);

    public static void main(String[] args) throws IOException {
        Path out = Path.of("src/main/resources/favicon");
        Files.createDirectories(out);
        for (int size : new int[] {16, 32}) Files.write(out.resolve("favicon-" + size + ".png"), png(size));
        Files.write(out.resolve("apple-touch-icon.png"), png(180));
        Files.write(out.resolve("icon-192.png"), png(192));
        Files.write(out.resolve("icon-512.png"), png(512));
        Files.write(out.resolve("favicon.ico"), ico(png(16), png(32)));
    }

    static byte[] png(int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(GREEN);
        g.fill(new Ellipse2D.Double(0, 0, size, size));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(1.5f, size / 9f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double a = size * 0.32, b = size * 0.68, top = size * 0.25, bottom = size * 0.75;
        Path2D h = new Path2D.Double();
        h.moveTo(a, top);
        h.lineTo(a, bottom);
        h.moveTo(b, top);
        h.lineTo(b, bottom);
        h.moveTo(a, size * 0.42);
        h.lineTo(b, size * 0.42);
        h.moveTo(a, size * 0.58);
        h.lineTo(b, size * 0.58);
        g.draw(h);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
    }

    /** An ICO file whose images are PNGs (valid since Windows Vista, read by every browser). */
    static byte[] ico(byte[] png16, byte[] png32) {
        byte[][] images = {png16, png32};
        int[] sizes = {16, 32};
        ByteBuffer b = ByteBuffer.allocate(6 + 16 * images.length + png16.length + png32.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) images.length);
        int offset = 6 + 16 * images.length;
        for (int i = 0; i < images.length; i++) {
            b.put((byte) sizes[i]).put((byte) sizes[i]).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) b.put(image);
        return b.array();
    }
}
