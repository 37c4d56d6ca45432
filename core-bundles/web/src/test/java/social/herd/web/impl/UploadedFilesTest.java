package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.web.impl.errors.WebApplicationExceptionMapper;
import social.herd.web.impl.files.DefaultHeaderResource;
import social.herd.web.impl.files.DefaultImagesResource;
import social.herd.web.impl.files.UploadedFilesResource;
import social.herd.web.impl.json.MastodonJsonProvider;

class UploadedFilesTest {

    @TempDir
    Path data;

    @Test
    void servesUploadsInsideTheMediaFolderOnly() throws Exception {
        Path media = data.resolve("media");
        Files.createDirectories(media.resolve("accounts/avatars/7"));
        Files.write(media.resolve("accounts/avatars/7/abc.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(data.resolve("secret.png"), "outside");
        Files.writeString(media.resolve("accounts/notes.txt"), "not an image");
        try (JerseyHarness http = new JerseyHarness(new MastodonJsonProvider(), new WebApplicationExceptionMapper(),
                new UploadedFilesResource(media), new DefaultImagesResource(), new DefaultHeaderResource())) {
            JerseyHarness.Response ok = http.get("/system/accounts/avatars/7/abc.png");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Content-Type")).isEqualTo("image/png");
            assertThat(ok.header("Cache-Control")).contains("max-age=31536000");
            assertThat(http.get("/system/../secret.png").status()).isEqualTo(404);
            assertThat(http.get("/system/%2E%2E/secret.png").status()).isEqualTo(404);
            assertThat(http.get("/system/accounts/notes.txt").status()).as("only media types").isEqualTo(404);
            assertThat(http.get("/system/accounts/avatars/7/missing.png").status()).isEqualTo(404);
            assertThat(http.get("/avatars/original/missing.png").status()).isEqualTo(200);
            assertThat(http.get("/headers/original/missing.png").header("Content-Type")).isEqualTo("image/png");
        }
    }
}
