package social.herd.spi.favicon;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service a favicon plugin registers: the site's icons. The web front serves the
 * active set (chosen by the admin by {@code herd.favicon.name}) at {@code /favicon.ico},
 * {@code /apple-touch-icon.png}, {@code /favicon.svg} and the PNG sizes, and lists
 * {@link #icons()} in {@code /manifest.json}. Annotate the component with {@link FaviconProperties}.
 */
@ConsumerType
public interface FaviconSet {

    /** File name of the ICO icon. */
    String ICO = "favicon.ico";
    /** File name of the SVG icon. */
    String SVG = "favicon.svg";
    /** File name of the 180x180 PNG for iOS home screens. */
    String APPLE_TOUCH = "apple-touch-icon.png";

    /**
     * One icon file.
     *
     * @param file      its file name, e.g. {@code favicon-32.png}; only {@code [a-z0-9._-]}
     * @param mediaType {@code image/png}, {@code image/svg+xml} or {@code image/x-icon}
     * @param sizes     the HTML {@code sizes} value ({@code 32x32}, {@code any})
     */
    record Icon(String file, String mediaType, String sizes) {}

    /** Every icon this set has, largest last; {@link #ICO} should be among them. */
    List<Icon> icons();

    /**
     * The bytes of one of {@link #icons()}, or empty for a name that is not in the set. Called on
     * every request for the file (responses are cached by browsers for a short time only, so a
     * switch shows at once): must be fast.
     */
    Optional<InputStream> open(String file);
}
