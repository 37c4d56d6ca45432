package social.herd.media.impl.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The encoder against hashes computed by Wolt's reference implementation (npm {@code blurhash}
 * 2.x, {@code encode(pixels, w, h, cx, cy)}) for the same pixels.
 */
class BlurhashTest {

    /** r = 8x, g = 10y, b = xy mod 256: every component differs, so every digit is exercised. */
    private static BufferedImage gradient() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) image.setRGB(x, y, (x * 8) << 16 | (y * 10) << 8 | (x * y) % 256);
        }
        return image;
    }

    @Test
    void matchesTheReferenceImplementation() {
        assertThat(Blurhash.encode(gradient(), 4, 3)).isEqualTo("LDH27h2}|TO%y@NFo7aTh3fofWfh");
        assertThat(Blurhash.encode(gradient(), 4, 4)).isEqualTo("UDH27h2}|TO%y@NFo7aTh3fofWfh#QN$n~as");
    }

    @Test
    void plainWhite() {
        BufferedImage white = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) white.setRGB(x, y, 0xffffff);
        assertThat(Blurhash.encode(white, 4, 3)).isEqualTo("LfTSUA~qfQ~q~qt7fQt7fQfQfQfQ");
    }
}
