package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A wrong setting stops start-up with one line naming the key, exit code 2, no stack trace. */
class ConfigErrorsTest {

    private static ServerProcess server;

    @BeforeAll
    static void copyRuntime() {
        server = ServerProcess.copyOfRuntime();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void badEnvironmentValueIsOneLineAndExitCodeTwo() throws Exception {
        server.env("HERD_REGISTRATIONS", "sometimes").start();
        assertThat(server.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(server.log().strip()).isEqualTo(
                "herd: configuration error: server.registrations (HERD_REGISTRATIONS) = 'sometimes': must be one of open, approval, closed");
    }

    @Test
    void typoInTheFileIsNamed() throws Exception {
        Files.writeString(server.home().resolve("conf/herd.yaml"), "server:\n  prot: 8080\n");
        server.env("HERD_REGISTRATIONS", "open").start();
        assertThat(server.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(server.log().strip()).isEqualTo("herd: configuration error: server.prot: unknown key in herd.yaml");
    }

    @Test
    void versionCommandPrintsTheVersion() throws Exception {
        server.start("version");
        assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
        assertThat(server.log().strip()).isEqualTo("Herd 0.1.0");
    }
}
