package social.herd.media.impl.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.osgi.service.component.annotations.Component;

/**
 * Turns an uploaded image into what is stored: upright (EXIF orientation applied), re-encoded
 * (which drops EXIF, GPS and every other metadata), at most {@link #MAX_OUTPUT_PIXELS}, plus a
 * small preview and its blurhash. Dimensions are read from the header and checked before any
 * pixel is decoded, so a small file that claims gigapixels costs nothing.
 *
 * <p>Streams are memory-backed on purpose: ImageIO's default caching spools to the system's
 * {@code /tmp}. Decoding takes a permit, bounding the memory of concurrent uploads.
 */
@Component(service = ImageProcessor.class)
public final class ImageProcessor {

    /** Larger images are refused before decoding (decompression bombs). */
    public static final long MAX_INPUT_PIXELS = 40_000_000L;
    /** Mastodon's limit for stored images, 3840x2160. */
    public static final long MAX_OUTPUT_PIXELS = 3840L * 2160;
    /** The preview fits in this square. */
    public static final int SMALL_BOX = 640;

    private static final float JPEG_QUALITY = 0.85f;

    private final Semaphore decoding = new Semaphore(2);

    /** Format and size as the header states them. */
    public record Header(MediaFormat format, int width, int height) {}

    /** An encoded image. */
    public record Encoded(byte[] bytes, String contentType, String extension, int width, int height) {}

    /** The result: the stored original, its preview, and the preview's blurhash. */
    public record Processed(Encoded original, Encoded small, String blurhash) {}

    /** A preview alone (of a video frame) and its blurhash. */
    public record Preview(Encoded small, String blurhash) {}

    /**
     * Checks that {@code bytes} are a supported still image of acceptable dimensions, reading only
     * its header.
     */
    public Header inspect(byte[] bytes) throws UnprocessableMedia {
        MediaFormat format = supportedFormat(bytes);
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, format != MediaFormat.GIF, true);
            return header(reader, format);
        } catch (IOException | RuntimeException e) {
            throw new UnprocessableMedia("The image could not be read");
        } finally {
            reader.dispose();
        }
    }

    /**
     * True for a GIF of more than one frame, which Mastodon turns into a {@code gifv} video. Only the
     * frame headers are read; anything unreadable counts as still and fails in {@link #inspect}.
     */
    public boolean animated(byte[] bytes) {
        if (MediaFormat.of(bytes) != MediaFormat.GIF) return false;
        try {
            ImageReader reader = Decoders.reader(MediaFormat.GIF);
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
                reader.setInput(in, false, true);
                return reader.getNumImages(true) > 1;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The preview and blurhash of a still (a video's first frame), without keeping a full-size copy. */
    public Preview preview(byte[] bytes) throws UnprocessableMedia, InterruptedException {
        MediaFormat format = supportedFormat(bytes);
        decoding.acquire();
        try {
            Decoded decoded = decode(bytes, format);
            int[] size = box(decoded.width, decoded.height, SMALL_BOX);
            BufferedImage small = render(decoded.image, 1, size[0], size[1], false);
            return new Preview(encode(small, false), Blurhash.encode(small, 4, 4));
        } catch (IOException e) {
            throw new UnprocessableMedia("The preview could not be made");
        } finally {
            decoding.release();
        }
    }

    /** Decodes, orients, limits, re-encodes and previews an image. */
    public Processed process(byte[] bytes) throws UnprocessableMedia, InterruptedException {
        MediaFormat format = supportedFormat(bytes);
        decoding.acquire();
        try {
            Decoded decoded = decode(bytes, format);
            int orientation = format == MediaFormat.JPEG ? ExifOrientation.of(bytes) : 1;
            boolean alpha = decoded.image.getColorModel().hasAlpha();
            int w = decoded.width, h = decoded.height;
            if (ExifOrientation.swapsAxes(orientation)) {
                w = decoded.height;
                h = decoded.width;
            }
            int[] size = fit(w, h, MAX_OUTPUT_PIXELS);
            BufferedImage original = render(decoded.image, orientation, size[0], size[1], alpha);
            decoded = null; // the full-size pixels may go before the preview is made
            int[] smallSize = box(original.getWidth(), original.getHeight(), SMALL_BOX);
            BufferedImage small = render(original, 1, smallSize[0], smallSize[1], alpha);
            // PNG keeps transparency and crisp screenshots; everything else becomes JPEG
            boolean png = alpha || format == MediaFormat.PNG || format == MediaFormat.GIF;
            return new Processed(encode(original, png), encode(small, alpha), Blurhash.encode(small, 4, 4));
        } catch (IOException e) {
            throw new UnprocessableMedia("The image could not be processed");
        } finally {
            decoding.release();
        }
    }

    private record Decoded(BufferedImage image, int width, int height) {}

    private static Decoded decode(byte[] bytes, MediaFormat format) throws UnprocessableMedia {
        ImageReader reader = reader(format);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, format != MediaFormat.GIF, true);
            Header header = header(reader, format);
            ImageReadParam param = reader.getDefaultReadParam();
            // an integer subsampling that keeps at least the output size: decoding a 40 MP photo
            // at full size would need 160 MB only to be scaled down afterwards
            int step = (int) Math.floor(Math.sqrt((double) header.width * header.height / MAX_OUTPUT_PIXELS));
            if (step >= 2) param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            for (String w : warnings) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncat")) {
                    throw new UnprocessableMedia("The image is truncated or corrupt");
                }
            }
            return new Decoded(image, image.getWidth(), image.getHeight());
        } catch (IOException | RuntimeException e) {
            throw new UnprocessableMedia("The image is truncated or corrupt");
        } finally {
            reader.dispose();
        }
    }

    private static Header header(ImageReader reader, MediaFormat format) throws IOException, UnprocessableMedia {
        int width = reader.getWidth(0), height = reader.getHeight(0);
        if (width <= 0 || height <= 0) throw new UnprocessableMedia("The image could not be read");
        if ((long) width * height > MAX_INPUT_PIXELS) {
            throw new UnprocessableMedia("The image is too large: " + width + "x" + height + " exceeds "
                    + MAX_INPUT_PIXELS / 1_000_000 + " megapixels");
        }
        return new Header(format, width, height);
    }

    private static MediaFormat supportedFormat(byte[] bytes) throws UnprocessableMedia {
        MediaFormat format = MediaFormat.of(bytes);
        if (!format.isImage()) throw new UnprocessableMedia("File type not supported");
        return format;
    }

    private static ImageReader reader(MediaFormat format) throws UnprocessableMedia {
        try {
            return Decoders.reader(format);
        } catch (IOException e) {
            throw new UnprocessableMedia("File type not supported");
        }
    }

    /** {@code w}x{@code h} scaled down, keeping the aspect ratio, to at most {@code maxPixels}. */
    static int[] fit(int w, int h, long maxPixels) {
        if ((long) w * h <= maxPixels) return new int[] {w, h};
        double scale = Math.sqrt((double) maxPixels / ((long) w * h));
        return new int[] {Math.max(1, (int) (w * scale)), Math.max(1, (int) (h * scale))};
    }

    /** {@code w}x{@code h} scaled down, keeping the aspect ratio, into a {@code side} square. */
    static int[] box(int w, int h, int side) {
        double scale = Math.min(1, Math.min((double) side / w, (double) side / h));
        return new int[] {Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))};
    }

    /**
     * Draws {@code src} oriented and scaled to {@code w}x{@code h} (upright size) into a plain RGB
     * or ARGB image. Large reductions go in halving steps first: one bilinear step over more than
     * a factor two skips pixels and aliases.
     */
    static BufferedImage render(BufferedImage src, int orientation, int w, int h, boolean alpha) {
        boolean swap = ExifOrientation.swapsAxes(orientation);
        int storedW = swap ? h : w, storedH = swap ? w : h;
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = src;
        while (current.getWidth() >= storedW * 2 && current.getHeight() >= storedH * 2) {
            current = draw(current, new AffineTransform(0.5, 0, 0, 0.5, 0, 0),
                    current.getWidth() / 2, current.getHeight() / 2, type);
        }
        AffineTransform t = AffineTransform.getScaleInstance((double) storedW / current.getWidth(),
                (double) storedH / current.getHeight());
        t.preConcatenate(ExifOrientation.transform(orientation, storedW, storedH));
        return draw(current, t, w, h, type);
    }

    private static BufferedImage draw(BufferedImage src, AffineTransform t, int w, int h, int type) {
        BufferedImage out = new BufferedImage(w, h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Encoded encode(BufferedImage image, boolean png) throws IOException {
        ImageWriter writer = Decoders.writer(png ? "png" : "jpeg");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            // no metadata is passed: the written file carries none of the upload's
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return new Encoded(bytes.toByteArray(), png ? "image/png" : "image/jpeg", png ? "png" : "jpg",
                image.getWidth(), image.getHeight());
    }
}
