package social.herd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files (compose, systemd units, Helm chart) only set environment variables Herd
 * reads: a misspelt {@code HERD_*} name would be silently ignored at run time.
 */
class DeploymentFilesTest {

    static final Path DISTRIBUTION = Path.of("..");
    static final Pattern VARIABLE = Pattern.compile("\\bHERD_[A-Z0-9_]+");
    /** Read by bin/herd outside the settings table. */
    static final Set<String> OTHERS = Set.of("HERD_JAVA_OPTS", "HERD_HOME");

    @Test
    void everyHerdVariableInTheDeploymentFilesIsASetting() throws IOException {
        Set<String> known = new TreeSet<>(OTHERS);
        for (Setting s : HerdConfig.SETTINGS) {
            known.add(s.env());
            known.add(s.env() + "_FILE"); // every setting may come from a file
        }
        Set<String> used = new TreeSet<>();
        for (Path f : files()) {
            Matcher m = VARIABLE.matcher(Files.readString(f));
            while (m.find()) {
                if (!m.group().endsWith("_")) used.add(m.group()); // "HERD_S3_*" in a comment names a family
            }
        }
        assertThat(used).as("HERD_* variables in compose, systemd and helm files").isNotEmpty();
        assertThat(known).containsAll(used);
    }

    private static java.util.List<Path> files() throws IOException {
        java.util.List<Path> out = new java.util.ArrayList<>();
        out.add(DISTRIBUTION.resolve("compose.yaml"));
        for (String dir : new String[] {"systemd", "helm"}) {
            Path d = DISTRIBUTION.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/charts/")).forEach(out::add);
            }
        }
        return out;
    }
}
