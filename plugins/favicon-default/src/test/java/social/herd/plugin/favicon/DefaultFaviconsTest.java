package social.herd.plugin.favicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import social.herd.spi.favicon.FaviconSet;

class DefaultFaviconsTest {

    private final DefaultFavicons icons = new DefaultFavicons();

    @Test
    void everyListedPngOpensDecodesAndHasTheSizeItClaims() throws Exception {
        for (FaviconSet.Icon icon : icons.icons()) {
            try (InputStream in = icons.open(icon.file()).orElseThrow(() -> new AssertionError(icon.file() + " missing"))) {
                byte[] bytes = in.readAllBytes();
                assertThat(bytes).as(icon.file()).isNotEmpty();
                if (icon.mediaType().equals("image/png")) {
                    BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
                    assertThat(img.getWidth() + "x" + img.getHeight()).as(icon.file()).isEqualTo(icon.sizes());
                } else if (icon.mediaType().equals("image/svg+xml")) {
                    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("<svg");
                } else {
                    // ICO header: reserved 0, type 1, then the number of images
                    assertThat(bytes[0] + bytes[1]).isZero();
                    assertThat(bytes[2]).isEqualTo((byte) 1);
                    assertThat(bytes[4]).isEqualTo((byte) 2);
                }
            }
        }
    }

    @Test
    void namesOutsideTheSetAreNotServed() {
        assertThat(icons.open("../secret")).isEmpty();
        assertThat(icons.open("GenerateIcons.java")).isEmpty();
    }
}
