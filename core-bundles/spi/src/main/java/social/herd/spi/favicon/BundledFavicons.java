package social.herd.spi.favicon;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link FaviconSet} whose files are resources of the plugin's own bundle, in one folder: what
 * most favicon plugins are. Subclass it, pass the folder and the icon list, and annotate the
 * subclass with {@link FaviconProperties} and {@code @Component(service = FaviconSet.class)} (DS
 * registers only the interfaces a class names itself). Since 1.1.
 */
@ConsumerType
public abstract class BundledFavicons implements FaviconSet {

    private final String folder;
    private final List<Icon> icons;

    /**
     * @param folder the resource folder of the files, e.g. {@code favicon}
     * @param icons  every file of the set, largest last
     */
    protected BundledFavicons(String folder, List<Icon> icons) {
        this.folder = folder.replaceAll("^/+|/+$", "");
        this.icons = List.copyOf(icons);
    }

    @Override
    public final List<Icon> icons() {
        return icons;
    }

    /** Only the listed files are served, so no other resource of the bundle can be read this way. */
    @Override
    public final Optional<InputStream> open(String file) {
        if (icons.stream().noneMatch(i -> i.file().equals(file))) return Optional.empty();
        return Optional.ofNullable(getClass().getResourceAsStream("/" + folder + "/" + file));
    }
}
