package social.herd.web.impl.filters;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The route template of a matched resource method, e.g. {@code /api/v1/accounts/{id}}, from the
 * class's and the method's {@code @Path} (regular expressions in parameters are dropped). Used as
 * a metrics label, so it never contains request data.
 */
final class RouteTemplates {

    /** Label for requests that matched no resource method (404s, rejected before matching). */
    static final String UNMATCHED = "unmatched";

    private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private final Map<Key, String> cache = new ConcurrentHashMap<>();

    /** The template for {@code method} of {@code resourceClass}; {@link #UNMATCHED} if either is null. */
    String of(Class<?> resourceClass, Method method) {
        if (resourceClass == null || method == null) {
            return UNMATCHED;
        }
        return cache.computeIfAbsent(new Key(resourceClass, method), k -> build(k.type(), k.method()));
    }

    static String build(Class<?> resourceClass, Method method) {
        String classPath = classPath(resourceClass);
        String methodPath = methodPath(method);
        String joined = "/" + (classPath == null ? "" : classPath) + "/" + (methodPath == null ? "" : methodPath);
        String template = SLASHES.matcher(joined).replaceAll("/");
        template = PARAMETER_REGEX.matcher(template).replaceAll("{$1}");
        if (template.length() > 1 && template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
        return template;
    }

    private static String classPath(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path path = c.getAnnotation(Path.class);
            if (path != null) {
                return path.value();
            }
            for (Class<?> i : c.getInterfaces()) {
                Path ip = i.getAnnotation(Path.class);
                if (ip != null) {
                    return ip.value();
                }
            }
        }
        return null;
    }

    private static String methodPath(Method method) {
        Path path = method.getAnnotation(Path.class);
        if (path != null) {
            return path.value();
        }
        for (Class<?> i : method.getDeclaringClass().getInterfaces()) {
            try {
                Path ip = i.getMethod(method.getName(), method.getParameterTypes()).getAnnotation(Path.class);
                if (ip != null) {
                    return ip.value();
                }
            } catch (NoSuchMethodException e) {
                // not declared there
            }
        }
        return null;
    }

    private record Key(Class<?> type, Method method) {
    }
}
