package social.herd.api.cli;

import java.io.PrintStream;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@code bin/herd} subcommand that runs inside the runtime, so it uses the same services (and
 * password hashing, and validation) as the server. Register with property {@value #NAME} = the
 * first word, e.g. {@code accounts} for {@code herd accounts create ...}. The launcher boots the
 * runtime without HTTP and workers, calls {@link #run}, and exits with its result.
 */
@ConsumerType
public interface CliCommand {

    /** Service property: the subcommand's first word. */
    String NAME = "herd.command";

    /**
     * Runs the command.
     *
     * @param args the words after the first, e.g. {@code [create, alice, --email, a@example.com]}
     * @param out  results for the admin (the last line of {@code accounts create} is {@code New password: ...})
     * @param err  problems, one line each
     * @return the exit code: 0 done, 1 failed, 2 wrong usage
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
