package social.herd.accounts.impl.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.accounts.impl.AccountAdmin;
import social.herd.api.auth.Role;
import social.herd.api.cli.CliCommand;

/**
 * {@code herd accounts ...}: create, approve, reject, modify --reset-password, suspend, invite. Exit
 * codes: 0 done, 1 refused or failed, 2 wrong usage. Problems are one line on {@code err}.
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=accounts")
public final class AccountsCommand implements CliCommand {

    static final String USAGE = """
            usage: herd accounts create USERNAME --email EMAIL [--role owner|admin|moderator|user] [--confirmed]
                   herd accounts approve USERNAME
                   herd accounts reject USERNAME
                   herd accounts modify USERNAME --reset-password
                   herd accounts suspend USERNAME
                   herd accounts invite [--max-uses N] [--expires-in-days D]""";

    private final AccountAdmin admin;

    @Activate
    public AccountsCommand(@Reference AccountAdmin admin) {
        this.admin = admin;
    }

    /** Wrong usage: exit code 2. */
    private static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty()) throw new Usage("missing subcommand");
            List<String> rest = new ArrayList<>(args.subList(1, args.size()));
            switch (args.get(0)) {
                case "create" -> create(rest, out);
                case "approve" -> {
                    admin.approve(single(rest));
                    out.println("OK");
                }
                case "reject" -> {
                    admin.reject(single(rest));
                    out.println("OK");
                }
                case "invite" -> invite(rest, out);
                case "modify" -> modify(rest, out);
                case "suspend" -> {
                    admin.suspend(single(rest));
                    out.println("OK");
                }
                default -> throw new Usage("unknown subcommand: " + args.get(0));
            }
            return 0;
        } catch (Usage e) {
            err.println("herd accounts: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (AccountAdmin.Refused e) {
            err.println("herd accounts: " + e.getMessage());
            return 1;
        }
    }

    private void create(List<String> args, PrintStream out) throws Usage {
        String username = null, email = null;
        Role role = Role.USER;
        boolean confirmed = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--email" -> email = value(args, ++i, a);
                case "--role" -> role = role(value(args, ++i, a));
                case "--confirmed" -> confirmed = true;
                default -> {
                    if (a.startsWith("--")) throw new Usage("unknown option: " + a);
                    if (username != null) throw new Usage("unexpected argument: " + a);
                    username = a;
                }
            }
        }
        if (username == null) throw new Usage("missing USERNAME");
        if (email == null) throw new Usage("missing --email");
        String password = admin.create(username, email, role, confirmed);
        out.println("OK");
        out.println("New password: " + password);
    }

    /** Prints the link last, so scripts can take the last line. */
    private void invite(List<String> args, PrintStream out) throws Usage {
        Integer maxUses = null, days = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--max-uses" -> maxUses = positive(value(args, ++i, a), a);
                case "--expires-in-days" -> days = positive(value(args, ++i, a), a);
                default -> throw new Usage(a.startsWith("--") ? "unknown option: " + a : "unexpected argument: " + a);
            }
        }
        String link = admin.invite(maxUses, days);
        out.println("OK");
        out.println(link);
    }

    private static int positive(String value, String option) throws Usage {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // falls through to the usage error
        }
        throw new Usage(option + " must be a whole number of at least 1");
    }

    private void modify(List<String> args, PrintStream out) throws Usage {
        if (args.size() != 2 || !args.contains("--reset-password")) throw new Usage("modify needs USERNAME --reset-password");
        String username = args.get(0).equals("--reset-password") ? args.get(1) : args.get(0);
        String password = admin.resetPassword(username);
        out.println("OK");
        out.println("New password: " + password);
    }

    private static String single(List<String> args) throws Usage {
        if (args.size() != 1 || args.get(0).startsWith("--")) throw new Usage("expected exactly one USERNAME");
        return args.get(0);
    }

    private static String value(List<String> args, int i, String option) throws Usage {
        if (i >= args.size()) throw new Usage(option + " needs a value");
        return args.get(i);
    }

    private static Role role(String name) throws Usage {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Usage("--role must be owner, admin, moderator or user");
        }
    }
}
