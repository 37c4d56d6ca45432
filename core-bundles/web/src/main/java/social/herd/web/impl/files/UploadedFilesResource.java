package social.herd.web.impl.files;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;

import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;

/**
 * Serves files users uploaded (avatars, headers; later media) from {@code <data_dir>/media} at
 * {@code /system/...}, the path Mastodon uses. Only image and video types are served, never a
 * path outside the media folder, and with a long cache lifetime because every upload gets a new
 * name. An object-storage backend (issue: media) will answer these URLs from S3 instead.
 */
@Component(service = UploadedFilesResource.class)
@JakartarsResource
@Path("/system")
public final class UploadedFilesResource {

    static final Map<String, String> TYPES = Map.of(
            "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif",
            "webp", "image/webp", "avif", "image/avif", "mp4", "video/mp4", "webm", "video/webm", "mp3", "audio/mpeg");

    private final java.nio.file.Path root;

    @Activate
    public UploadedFilesResource(@Reference ServerSettings settings) {
        this(settings.dataDir().resolve("media"));
    }

    /** For tests. */
    public UploadedFilesResource(java.nio.file.Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @GET
    @Path("{file: .+}")
    public Response file(@PathParam("file") String file) {
        java.nio.file.Path target = root.resolve(file).normalize();
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (!target.startsWith(root) || type == null || !Files.isRegularFile(target)) {
            throw new NotFoundException();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(31_536_000);
        return Response.ok(target.toFile(), type).cacheControl(cache).header("X-Content-Type-Options", "nosniff").build();
    }
}
