package social.herd.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JAX-RS sends a request to the root resource with the longest matching literal path and never
 * backtracks. A root that is a prefix of another ({@code /api} beside {@code /api/v1}) silently
 * loses every path under the longer one: {@code /api/v1/instance} answered 404 the day a bundle
 * registered {@code /api/v1}. This test reads every resource of the runtime's bundles and fails
 * when one resource's endpoint lies under another, longer root.
 */
class ResourceRootsTest {

    record Endpoint(String root, String path, String where) {}

    @Test
    void noRootResourceShadowsAnotherOnesEndpoints() throws Exception {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> all = Files.walk(Path.of(System.getProperty("herd.runtime"), "system"))) {
            all.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        jars.add(Path.of(System.getProperty("herd.example.plugin")));
        List<Endpoint> endpoints = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls(jars), ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> pathType = (Class<? extends Annotation>) loader.loadClass("jakarta.ws.rs.Path");
            Method value = pathType.getMethod("value");
            for (Path jar : jars) {
                if (!jar.getFileName().toString().startsWith("herd-")) continue;
                for (String name : classNames(jar)) {
                    // only our classes: wrapped third-party bundles (herd-opensearch-client) carry optional
                    // integrations whose dependencies are deliberately absent
                    if (!name.startsWith("social.herd.")) continue;
                    Class<?> type = Class.forName(name, false, loader);
                    Annotation root = type.getAnnotation(pathType);
                    if (root == null) continue;
                    String rootPath = normalise((String) value.invoke(root));
                    for (Method m : type.getDeclaredMethods()) {
                        Annotation sub = m.getAnnotation(pathType);
                        String full = sub == null ? rootPath : normalise(rootPath + "/" + value.invoke(sub));
                        endpoints.add(new Endpoint(rootPath, full, type.getName() + "." + m.getName()));
                    }
                }
            }
        }
        assertThat(endpoints).as("resources found").hasSizeGreaterThan(20);
        List<String> shadowed = new ArrayList<>();
        for (Endpoint e : endpoints) {
            String literal = e.path().contains("{") ? e.path().substring(0, e.path().indexOf('{')) : e.path();
            for (Endpoint other : endpoints) {
                String r = other.root();
                boolean longer = r.length() > e.root().length();
                if (longer && (literal.equals(r) || literal.startsWith(r + "/"))) {
                    shadowed.add(e.where() + " (" + e.path() + ") is hidden by root " + r);
                }
            }
        }
        assertThat(shadowed.stream().distinct().toList()).isEmpty();
    }

    private static String normalise(String path) {
        String p = ("/" + path).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static URL[] urls(List<Path> jars) throws IOException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = jars.get(i).toUri().toURL();
        return urls;
    }

    private static List<String> classNames(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return Collections.list(f.entries()).stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - 6).replace('/', '.')).toList();
        }
    }
}
