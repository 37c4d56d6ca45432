package social.herd.itests.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;

/**
 * With a trust store configured, only plugin jars signed by a trusted certificate are installed:
 * unsigned ones, ones signed by another key and ones changed after signing are refused. Keys,
 * certificates and signatures are made with the JDK's own keytool and jarsigner.
 */
class PluginTrustStoreTest {

    static Path dir;
    static Peer herd;
    static Peer.User admin;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("herd-trust");
        keytool("-genkeypair", "-alias", "trusted", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=Herd Test Signer", "-keystore", dir.resolve("trusted.p12").toString(), "-storetype", "PKCS12",
                "-storepass", "signerpass");
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=Someone Else", "-keystore", dir.resolve("stranger.p12").toString(), "-storetype", "PKCS12",
                "-storepass", "signerpass");
        keytool("-exportcert", "-alias", "trusted", "-keystore", dir.resolve("trusted.p12").toString(), "-storepass", "signerpass",
                "-file", dir.resolve("trusted.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "herd-plugins", "-file", dir.resolve("trusted.cer").toString(),
                "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "trustpass");
        Files.writeString(dir.resolve("trust.password"), "trustpass\n");
        herd = Peer.prepare("127.0.0.1", home -> Files.writeString(home.resolve("deploy/social.herd.plugins.config"),
                "trust_store=\"" + dir.resolve("trust.p12") + "\"\ntrust_store_password_file=\"" + dir.resolve("trust.password") + "\"\n"));
        admin = herd.user("root", "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
    }

    @Test
    void onlyJarsSignedByATrustedCertificateAreInstalled() throws Exception {
        byte[] plain = Uploads.read("herd.example.plugin");
        Http.Reply unsigned = awaitRefusal(plain);
        assertThat(unsigned.json().get("error").asText()).isEqualTo("The plugin jar is not signed by a trusted certificate");

        Http.Reply stranger = Uploads.upload(admin, sign(plain, "stranger.p12", "stranger"));
        assertThat(stranger.status()).isEqualTo(422);
        assertThat(stranger.json().get("error").asText()).isEqualTo("The plugin jar is not signed by a trusted certificate");

        byte[] tampered = sign(plain, "trusted.p12", "trusted");
        tampered = replaceEntry(tampered);
        Http.Reply changed = Uploads.upload(admin, tampered);
        assertThat(changed.status()).as(changed.body()).isEqualTo(422);

        Http.Reply trusted = Uploads.upload(admin, sign(plain, "trusted.p12", "trusted"));
        assertThat(trusted.status()).as(trusted.body()).isEqualTo(200);
        assertThat(trusted.json().get("state").asText()).isEqualTo("active");
        assertThat(herd.http.get("/api/v1/instance/rules").body()).contains("community-1");
        assertThat(herd.serverErrors()).isEmpty();
    }

    /** FileInstall hands the trust store configuration over shortly after start: wait for it to apply. */
    static Http.Reply awaitRefusal(byte[] jar) {
        for (int i = 0; i < 50; i++) {
            Http.Reply r = Uploads.upload(admin, jar);
            if (r.status() == 422) return r;
            if (r.status() == 200) admin.send("DELETE", "/api/v1/admin/plugins/" + r.json().get("id").asText(), "");
            Http.sleep(200);
        }
        throw new AssertionError("the trust store never applied");
    }

    static byte[] sign(byte[] jar, String keystore, String alias) throws Exception {
        Path in = Files.createTempFile(dir, "plugin", ".jar");
        Path out = Files.createTempFile(dir, "signed", ".jar");
        Files.write(in, jar);
        run(tool("jarsigner"), "-keystore", dir.resolve(keystore).toString(), "-storepass", "signerpass",
                "-signedjar", out.toString(), in.toString(), alias);
        return Files.readAllBytes(out);
    }

    /** The signed jar with one class changed after signing (its digest no longer matches). */
    static byte[] replaceEntry(byte[] jar) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var zin = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar));
             var zout = new java.util.zip.ZipOutputStream(out)) {
            for (var e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] content = zin.readAllBytes();
                if (e.getName().endsWith(".class")) content[content.length - 1] ^= 1;
                zout.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zout.write(content);
                zout.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool("keytool")));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + output).isZero();
    }
}
