package social.herd.admin.impl.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import social.herd.web.api.ApiException;

/**
 * A plugin's configuration as its metatype describes it: the PIDs it reads and their attributes.
 * Admin settings (a JSON object) are checked against it and turned into ConfigAdmin properties.
 * Besides its own attributes, every plugin accepts the chain's {@code service.ranking} and, for
 * filters, {@code herd.filter.budget}, {@code herd.filter.failClosed} and {@code herd.filter.contexts}.
 */
record PluginConfig(List<String> pids, Map<String, Attribute> attributes) {

    /**
     * One configurable attribute.
     *
     * @param type        the metatype type: String, Integer, Long, Boolean, Double, ...
     * @param cardinality 0 for one value, otherwise a list
     */
    record Attribute(String id, String name, String type, int cardinality, String defaultValue) {}

    static final Map<String, Attribute> COMMON = Map.of(
            "service.ranking", new Attribute("service.ranking", "Order (higher first)", "Integer", 0, null),
            "herd.filter.budget", new Attribute("herd.filter.budget", "Time budget in ms (0: the chain's)", "Long", 0, "0"),
            "herd.filter.failClosed", new Attribute("herd.filter.failClosed", "Hold when this filter fails", "Boolean", 0, "false"),
            "herd.filter.contexts", new Attribute("herd.filter.contexts", "LOCAL_POST, EDIT, INCOMING, SIGN_UP", "String", 4, null));

    /** Reads the metatype documents of a plugin jar; documents that do not parse are skipped. */
    static PluginConfig of(List<String> metatypeXml) {
        List<String> pids = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (String xml : metatypeXml) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
                NodeList designates = doc.getElementsByTagName("Designate");
                for (int i = 0; i < designates.getLength(); i++) {
                    String pid = ((Element) designates.item(i)).getAttribute("pid");
                    if (!pid.isBlank()) pids.add(pid);
                }
                NodeList ads = doc.getElementsByTagName("AD");
                for (int i = 0; i < ads.getLength(); i++) {
                    Element ad = (Element) ads.item(i);
                    String card = ad.getAttribute("cardinality");
                    attributes.put(ad.getAttribute("id"), new Attribute(ad.getAttribute("id"), ad.getAttribute("name"),
                            ad.getAttribute("type"), card.isBlank() ? 0 : Math.abs(Integer.parseInt(card)),
                            ad.hasAttribute("default") ? ad.getAttribute("default") : null));
                }
            } catch (Exception e) {
                // a plugin with an unreadable metatype simply has nothing to configure
            }
        }
        return new PluginConfig(List.copyOf(pids), attributes);
    }

    /** The attribute for {@code key}, own or common; null for unknown keys. */
    Attribute attribute(String key) {
        Attribute own = attributes.get(key);
        return own != null ? own : COMMON.get(key);
    }

    /** Checks {@code settings} (a JSON object) and converts it to typed properties; 422 for anything wrong. */
    Hashtable<String, Object> properties(JsonNode settings) {
        if (settings == null || !settings.isObject()) throw ApiException.unprocessable("The configuration must be a JSON object");
        if (pids.isEmpty() && settings.size() > 0) throw ApiException.unprocessable("This plugin has nothing to configure");
        Hashtable<String, Object> out = new Hashtable<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Attribute a = attribute(e.getKey());
            if (a == null) throw ApiException.unprocessable("Unknown setting: " + e.getKey());
            if (e.getValue().isNull()) continue;
            out.put(e.getKey(), value(a, e.getValue()));
        }
        return out;
    }

    private static Object value(Attribute a, JsonNode v) {
        if (a.cardinality() > 0) {
            List<JsonNode> items = new ArrayList<>();
            if (v.isArray()) v.forEach(items::add);
            else items.add(v);
            if (items.size() > 1000) throw ApiException.unprocessable(a.id() + ": too many values");
            Object[] typed = items.stream().map(i -> scalar(a, i)).toArray();
            return switch (a.type()) {
                case "Integer" -> java.util.Arrays.stream(typed).map(Integer.class::cast).toArray(Integer[]::new);
                case "Long" -> java.util.Arrays.stream(typed).map(Long.class::cast).toArray(Long[]::new);
                case "Boolean" -> java.util.Arrays.stream(typed).map(Boolean.class::cast).toArray(Boolean[]::new);
                case "Double" -> java.util.Arrays.stream(typed).map(Double.class::cast).toArray(Double[]::new);
                default -> java.util.Arrays.stream(typed).map(String.class::cast).toArray(String[]::new);
            };
        }
        if (v.isArray()) throw ApiException.unprocessable(a.id() + " takes one value, not a list");
        return scalar(a, v);
    }

    private static Object scalar(Attribute a, JsonNode v) {
        String bad = a.id() + " must be " + a.type().toLowerCase(java.util.Locale.ROOT);
        switch (a.type()) {
            case "Integer", "Long" -> {
                long n;
                if (v.isIntegralNumber() && v.canConvertToLong()) n = v.asLong();
                else if (v.isTextual() && v.asText().strip().matches("-?[0-9]{1,18}")) n = Long.parseLong(v.asText().strip());
                else throw ApiException.unprocessable(bad);
                if (a.type().equals("Integer") && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) throw ApiException.unprocessable(bad);
                return a.type().equals("Integer") ? (Object) (int) n : (Object) n;
            }
            case "Boolean" -> {
                if (!v.isBoolean()) throw ApiException.unprocessable(bad);
                return v.asBoolean();
            }
            case "Double", "Float" -> {
                if (!v.isNumber()) throw ApiException.unprocessable(bad);
                return v.asDouble();
            }
            default -> {
                if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) throw ApiException.unprocessable(bad);
                String s = v.asText();
                if (s.length() > 10_000) throw ApiException.unprocessable(a.id() + " is too long");
                return s;
            }
        }
    }
}
