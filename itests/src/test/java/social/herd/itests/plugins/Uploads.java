package social.herd.itests.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;

/** Uploading plugin jars through the admin API, and jars made up by tests. */
final class Uploads {

    private Uploads() {}

    /** {@code POST /api/v1/admin/plugins} with the jar as multipart field {@code file}. */
    static Http.Reply upload(Peer.User user, byte[] jar) {
        String boundary = "----herd" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plugin.jar\"\r\n"
                    + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(jar);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(user.peer.apiBase + "/api/v1/admin/plugins"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (user.token != null) r.header("Authorization", "Bearer " + user.token);
        return user.peer.http.send(r);
    }

    static byte[] read(String systemProperty) {
        try {
            return Files.readAllBytes(Path.of(System.getProperty(systemProperty)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
