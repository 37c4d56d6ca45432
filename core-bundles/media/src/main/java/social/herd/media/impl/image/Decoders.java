package social.herd.media.impl.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;

/**
 * The decoders and encoders, chosen per format. TwelveMonkeys' readers (embedded privately in
 * this bundle) are created from their providers directly: ImageIO discovers plugins through the
 * ServiceLoader, which does not see into OSGi bundles, and registering them in the JVM-wide
 * IIORegistry would leak this bundle's classes past its own lifetime. PNG and GIF use the JDK's
 * built-in plugins, which are always registered.
 */
final class Decoders {

    private static final ImageReaderSpi JPEG = twelveMonkeysJpeg();
    private static final ImageReaderSpi WEBP = new WebPImageReaderSpi();

    private Decoders() {}

    static ImageReader reader(MediaFormat format) throws IOException {
        return switch (format) {
            case JPEG -> JPEG.createReaderInstance();
            case WEBP -> WEBP.createReaderInstance();
            case PNG -> jdk(ImageIO.getImageReadersByFormatName("png"));
            case GIF -> jdk(ImageIO.getImageReadersByFormatName("gif"));
            default -> throw new IllegalArgumentException("not an image format: " + format);
        };
    }

    /**
     * TwelveMonkeys' JPEG reader wraps the JDK's (adding CMYK, broken ICC profiles and more) and finds
     * it when registered. It is registered in a registry of its own, holding just the two, so that
     * nothing global changes.
     */
    private static ImageReaderSpi twelveMonkeysJpeg() {
        ImageReaderSpi jdk = jdk(ImageIO.getImageReadersByFormatName("jpeg")).getOriginatingProvider();
        ServiceRegistry own = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        own.registerServiceProvider(jdk, ImageReaderSpi.class);
        JPEGImageReaderSpi spi = new JPEGImageReaderSpi();
        own.registerServiceProvider(spi, ImageReaderSpi.class);
        if (!own.contains(spi)) throw new IllegalStateException("the JPEG decoder found no JDK JPEG reader to build on");
        return spi;
    }

    /** The JDK's own writer for {@code jpeg} or {@code png}. */
    static ImageWriter writer(String format) {
        return jdk(ImageIO.getImageWritersByFormatName(format));
    }

    /** The JDK's plugin among the registered ones (others may have been registered by someone else). */
    private static <T> T jdk(Iterator<T> plugins) {
        T first = null;
        while (plugins.hasNext()) {
            T p = plugins.next();
            if (p.getClass().getName().startsWith("com.sun.imageio.")) return p;
            if (first == null) first = p;
        }
        if (first == null) throw new IllegalStateException("the JDK's ImageIO plugins are missing");
        return first;
    }
}
