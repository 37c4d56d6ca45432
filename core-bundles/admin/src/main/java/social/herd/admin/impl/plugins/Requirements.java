package social.herd.admin.impl.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Checks, before a plugin is stored or installed, that this server can satisfy what its manifest
 * requires, and says in words what is missing: "plugin requires herd.spi moderation version
 * [2.0.0,3.0.0), this server provides moderation 1.2.0", "missing package org.foo (version
 * [1.0.0,2.0.0))". Optional requirements are not checked.
 */
final class Requirements {

    private static final Pattern LOW = Pattern.compile("\\(version>=([0-9.]+)\\)");
    private static final Pattern HIGH = Pattern.compile("\\(!\\(version>=([0-9.]+)\\)\\)");
    private static final Pattern SPI = Pattern.compile("\\(herd\\.spi=([a-z]+)\\)");

    private Requirements() {}

    /** What keeps {@code jar} from resolving in the framework of {@code context}; empty when nothing does. */
    static List<String> missing(PluginJar jar, BundleContext context) {
        List<String> out = new ArrayList<>();
        Set<String> ownPackages = new TreeSet<>();
        for (String e : jar.exports()) ownPackages.add(Headers.name(e));
        for (String clause : jar.imports()) {
            Map<String, String> p = Headers.parameters(clause);
            String pkg = Headers.name(clause);
            if ("optional".equals(p.get("resolution:")) || ownPackages.contains(pkg)) continue;
            VersionRange range = new VersionRange(p.getOrDefault("version", "0.0.0"));
            List<Version> offered = new ArrayList<>();
            for (BundleCapability c : capabilities(context, PackageNamespace.PACKAGE_NAMESPACE)) {
                if (pkg.equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    offered.add((Version) c.getAttributes().getOrDefault(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE, Version.emptyVersion));
                }
            }
            if (offered.stream().anyMatch(range::includes)) continue;
            out.add("missing package " + pkg + " (version " + range + ")"
                    + (offered.isEmpty() ? "" : ", this server provides " + offered.stream().map(Version::toString).sorted().distinct().toList()));
        }
        for (String clause : jar.capabilities()) {
            Map<String, String> p = Headers.parameters(clause);
            String namespace = Headers.name(clause);
            String filterText = p.get("filter:");
            if ("optional".equals(p.get("resolution:")) || filterText == null) continue;
            Filter filter;
            try {
                filter = FrameworkUtil.createFilter(filterText);
            } catch (InvalidSyntaxException e) {
                out.add("unreadable requirement " + namespace + ": " + filterText);
                continue;
            }
            List<BundleCapability> offered = capabilities(context, namespace);
            if (offered.stream().anyMatch(c -> filter.matches(c.getAttributes()))) continue;
            out.add(namespace.equals("herd.spi") ? spiMessage(filterText, offered) : "missing " + namespace + " " + filterText);
        }
        return out;
    }

    /** "plugin requires herd.spi moderation version [2.0.0,3.0.0), this server provides moderation 1.2.0". */
    static String spiMessage(String filter, List<BundleCapability> offered) {
        Matcher spi = SPI.matcher(filter);
        String name = spi.find() ? spi.group(1) : "?";
        Matcher low = LOW.matcher(filter);
        Matcher high = HIGH.matcher(filter);
        String range = "[" + (low.find() ? low.group(1) : "0.0.0") + "," + (high.find() ? high.group(1) + ")" : "∞)");
        List<String> provided = offered.stream().filter(c -> name.equals(c.getAttributes().get("herd.spi")))
                .map(c -> name + " " + c.getAttributes().get("version")).toList();
        return "plugin requires herd.spi " + name + " version " + range + ", this server provides "
                + (provided.isEmpty() ? "no " + name + " SPI" : String.join(", ", provided));
    }

    private static List<BundleCapability> capabilities(BundleContext context, String namespace) {
        List<BundleCapability> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null) out.addAll(wiring.getCapabilities(namespace));
        }
        return out;
    }
}
