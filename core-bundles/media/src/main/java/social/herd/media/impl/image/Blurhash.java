package social.herd.media.impl.image;

import java.awt.image.BufferedImage;

/**
 * BlurHash encoder (the public algorithm by Wolt): the image as a few cosine components in linear
 * light, quantised and written in base 83. Written here because the Java libraries are not OSGi
 * bundles, and it is sixty lines. Follows the reference encoder's arithmetic, so equal pixels give
 * the same string as every other implementation.
 */
final class Blurhash {

    private static final String DIGITS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    private static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double v = i / 255.0;
            LINEAR[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
    }

    private Blurhash() {}

    /** The hash of {@code image} with {@code cx} x {@code cy} components (1-9 each). */
    static String encode(BufferedImage image, int cx, int cy) {
        int w = image.getWidth(), h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        double[][] factors = new double[cx * cy][];
        for (int j = 0; j < cy; j++) {
            for (int i = 0; i < cx; i++) {
                factors[j * cx + i] = factor(rgb, w, h, i, j);
            }
        }
        StringBuilder out = new StringBuilder();
        base83(out, (cx - 1) + (cy - 1) * 9, 1);
        double maximum = 1;
        if (factors.length > 1) {
            // like the reference: the largest component value, not the largest magnitude
            double actual = Double.NEGATIVE_INFINITY;
            for (int k = 1; k < factors.length; k++) for (double v : factors[k]) actual = Math.max(actual, v);
            int quantised = (int) Math.max(0, Math.min(82, Math.floor(actual * 166 - 0.5)));
            maximum = (quantised + 1) / 166.0;
            base83(out, quantised, 1);
        } else {
            base83(out, 0, 1);
        }
        double[] dc = factors[0];
        base83(out, (srgb(dc[0]) << 16) + (srgb(dc[1]) << 8) + srgb(dc[2]), 4);
        for (int k = 1; k < factors.length; k++) {
            double[] f = factors[k];
            base83(out, quantise(f[0] / maximum) * 361 + quantise(f[1] / maximum) * 19 + quantise(f[2] / maximum), 2);
        }
        return out.toString();
    }

    private static double[] factor(int[] rgb, int w, int h, int i, int j) {
        double normalisation = i == 0 && j == 0 ? 1 : 2;
        double r = 0, g = 0, b = 0;
        for (int x = 0; x < w; x++) {
            double cosX = normalisation * Math.cos(Math.PI * i * x / w);
            for (int y = 0; y < h; y++) {
                double basis = cosX * Math.cos(Math.PI * j * y / h);
                int p = rgb[y * w + x];
                r += basis * LINEAR[p >> 16 & 0xff];
                g += basis * LINEAR[p >> 8 & 0xff];
                b += basis * LINEAR[p & 0xff];
            }
        }
        double scale = 1.0 / (w * h);
        return new double[] {r * scale, g * scale, b * scale};
    }

    private static int quantise(double v) {
        double signedRoot = Math.signum(v) * Math.sqrt(Math.abs(v));
        return (int) Math.max(0, Math.min(18, Math.floor(signedRoot * 9 + 9.5)));
    }

    private static int srgb(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        return v <= 0.0031308 ? (int) (v * 12.92 * 255 + 0.5) : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
    }

    private static void base83(StringBuilder out, int value, int length) {
        for (int i = 1; i <= length; i++) {
            int digit = (int) (value / Math.pow(83, length - i) % 83);
            out.append(DIGITS.charAt(digit));
        }
    }
}
