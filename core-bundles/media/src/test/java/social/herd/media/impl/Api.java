package social.herd.media.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import social.herd.media.impl.web.MediaV1Resource;
import social.herd.media.impl.web.MediaV2Resource;
import social.herd.web.testing.ApiHarness;

/** This bundle's resources over {@code f}'s services in the web bundle's {@link ApiHarness}, and multipart uploads. */
final class Api {

    private Api() {}

    static ApiHarness harness(Fixture f) {
        return new ApiHarness(new MediaV1Resource(f.media), new MediaV2Resource(f.media));
    }

    /** A multipart upload of {@code file} with optional text fields (name, value, name, value...). */
    static ApiHarness.Response upload(ApiHarness http, String path, String token, byte[] file, String... fields) {
        String boundary = "----herdtest" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send("POST", path, token, "multipart/form-data; boundary=" + boundary, body.toByteArray(), Map.of());
    }
}
