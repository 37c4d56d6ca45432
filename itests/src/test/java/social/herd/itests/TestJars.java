package social.herd.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Plugin jars made up by tests. */
public final class TestJars {

    private TestJars() {}

    /** A jar whose manifest is what bnd writes for a filter compiled against SPI 2.0: it must not resolve here. */
    public static byte[] futureFilter() {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "itest.future.filter");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Name", "A filter for SPI 2");
        a.putValue("Import-Package", "social.herd.spi.moderation;version=\"[2.0,3)\"");
        a.putValue("Require-Capability", "herd.spi;filter:=\"(&(herd.spi=moderation)(version>=2.0.0)(!(version>=3.0.0)))\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
