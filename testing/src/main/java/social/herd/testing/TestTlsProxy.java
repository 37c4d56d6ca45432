package social.herd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian nginx on loopback in front of a plain-http service, requiring TLS (a certificate for
 * {@code localhost}/{@code 127.0.0.1} signed by a throwaway CA made with openssl) and HTTP basic
 * auth: how OpenSearch is usually reached in production, which its test distribution (without the
 * security plugin) cannot show by itself. {@link #caFile()} is the CA to trust.
 */
public final class TestTlsProxy implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process nginx;

    private TestTlsProxy(Path dir, int port, Process nginx) {
        this.dir = dir;
        this.port = port;
        this.nginx = nginx;
    }

    /** Starts a proxy to {@code http://127.0.0.1:upstreamPort} accepting only {@code user}/{@code password}. */
    public static TestTlsProxy start(int upstreamPort, String user, String password) {
        try {
            Path dir = Files.createTempDirectory("herd-tls-proxy");
            certificates(dir);
            Files.writeString(dir.resolve("htpasswd"), user + ":{PLAIN}" + password + "\n");
            // nginx reads the password file in its worker, which runs as www-data when started by root
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir.resolve("htpasswd"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            int port = TestRedis.freePort();
            String d = dir.toAbsolutePath().toString();
            Files.writeString(dir.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 512; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        client_max_body_size 100m;
                        upstream search { server 127.0.0.1:%3$d; keepalive 16; }
                        server {
                            listen 127.0.0.1:%2$d ssl;
                            server_name localhost;
                            ssl_certificate %1$s/server.pem;
                            ssl_certificate_key %1$s/server.key;
                            auth_basic "search";
                            auth_basic_user_file %1$s/htpasswd;
                            location / {
                                proxy_pass http://search;
                                proxy_http_version 1.1;
                                proxy_set_header Connection "";
                            }
                        }
                    }
                    """.formatted(d, port, upstreamPort));
            Process p = new ProcessBuilder("nginx", "-p", d, "-e", d + "/error.log", "-c", d + "/nginx.conf")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return new TestTlsProxy(dir, port, p);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                    + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code https://localhost:port}. */
    public String url() {
        return "https://localhost:" + port;
    }

    /** The PEM file of the CA that signed the proxy's certificate. */
    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    @Override
    public void close() {
        nginx.destroy();
        try {
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) nginx.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A throwaway CA ({@code ca.pem}) and a certificate it signed for localhost and 127.0.0.1 ({@code server.pem}, {@code server.key}). */
    public static void certificates(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.ext"), """
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment
                extendedKeyUsage = serverAuth
                subjectAltName = DNS:localhost, IP:127.0.0.1
                """);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Herd test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + ": " + out);
        }
    }
}
