package social.herd.media.impl.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Orientation is read from hand-made Exif and applied as the EXIF specification defines it. */
class ExifOrientationTest {

    @Test
    void readsTheTagAndIgnoresGarbage() throws Exception {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        byte[] plain = out.toByteArray();
        assertThat(ExifOrientation.of(plain)).isEqualTo(1);
        for (int o = 1; o <= 8; o++) {
            assertThat(ExifOrientation.of(social.herd.media.impl.TestImagesAccess.withExif(plain, o))).isEqualTo(o);
        }
        byte[] broken = social.herd.media.impl.TestImagesAccess.withExif(plain, 6);
        broken[12] = (byte) 'X'; // "MM" -> "XM": not TIFF
        assertThat(ExifOrientation.of(broken)).isEqualTo(1);
        assertThat(ExifOrientation.of(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1, 0x7f})).isEqualTo(1);
    }

    @Test
    void turnsPixelsUpright() {
        // 3x2 stored image, pixel value = its stored position
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) stored.setRGB(x, y, 10 * y + x);
        // 6: stored turned left; upright is 2x3 and its top-left pixel is the stored bottom-left one
        BufferedImage upright = ImageProcessor.render(stored, 6, 2, 3, false);
        assertThat(upright.getRGB(0, 0) & 0xffffff).isEqualTo(10);
        assertThat(upright.getRGB(1, 0) & 0xffffff).isEqualTo(0);
        assertThat(upright.getRGB(0, 2) & 0xffffff).isEqualTo(12);
        // 3: upside down
        BufferedImage turned = ImageProcessor.render(stored, 3, 3, 2, false);
        assertThat(turned.getRGB(0, 0) & 0xffffff).isEqualTo(12);
        // 8: stored turned right; upright top-left is the stored top-right
        BufferedImage left = ImageProcessor.render(stored, 8, 2, 3, false);
        assertThat(left.getRGB(0, 0) & 0xffffff).isEqualTo(2);
    }
}
