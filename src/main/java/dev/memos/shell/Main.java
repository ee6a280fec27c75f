package dev.memos.shell;

import dev.memos.config.ConfigKey;
import dev.memos.config.MemosHome;
import dev.memos.shell.repl.JLineSecretPrompt;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point. Picks the mode from how we were started: no arguments on a terminal is the REPL,
 * no arguments on a pipe reads commands from stdin, {@code run FILE} or {@code FILE.memos} is a
 * script, anything else is one command. Only the REPL starts Spring; the other modes dispatch
 * directly so a one-shot command starts in a fraction of a second.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        int code = run(argv, System.in, System.out, System.err, System.getenv(), Terminals.interactive());
        System.exit(code);
    }

    public static int run(String[] argv, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env,
                          boolean terminal) {
        List<String> tokens = new ArrayList<>(Arrays.asList(argv));
        GlobalOptions global;
        try {
            global = GlobalOptions.extract(tokens);
        } catch (dev.memos.error.MemosException e) {
            err.println("memos: error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (tokens.size() == 1 && (tokens.get(0).equals("--version") || tokens.get(0).equals("-V"))) {
            out.println(Version.banner());
            return ExitCodes.OK;
        }
        if (tokens.size() == 1 && (tokens.get(0).equals("--help") || tokens.get(0).equals("-h"))) {
            tokens.set(0, "help");
        }
        Mode mode;
        if (tokens.isEmpty()) {
            mode = terminal ? Mode.INTERACTIVE : Mode.PIPE;
        } else if (tokens.get(0).equals("run") || (tokens.size() == 1 && tokens.get(0).endsWith(".memos")
                && Files.isRegularFile(Path.of(tokens.get(0))))) {
            if (!tokens.get(0).equals("run")) {
                tokens.add(0, "run");
            }
            mode = Mode.SCRIPT;
        } else {
            mode = Mode.ONE_SHOT;
        }
        boolean color = terminal && mode == Mode.INTERACTIVE && !global.noColor() && !env.containsKey("NO_COLOR");
        Printer printer = new Printer(out, err, color);
        MemosHome home = MemosHome.fromEnvironment(env);
        // The MCP server never prompts: stdin is its protocol channel and secrets come from the environment.
        boolean mcp = tokens.size() == 1 && tokens.get(0).equals("mcp");
        SecretPrompt prompt = mode == Mode.INTERACTIVE ? new JLineSecretPrompt()
                : terminal && !mcp ? SecretPrompt.console(System.console()) : SecretPrompt.none();
        Session session = new Session(Clock.systemUTC(), env, prompt, Duration.ofMinutes(15));
        CommandCatalog catalog = CommandCatalog.standard();
        Context ctx = new Context(home, env, Clock.systemUTC(), session, prompt, mode, global, stdin, out, err, catalog);
        Runtime.getRuntime().addShutdownHook(new Thread(session::lock, "memos-wipe-secrets"));
        try {
            switch (mode) {
                case INTERACTIVE -> {
                    configureIdleTimeout(ctx);
                    return InteractiveShell.run(ctx, printer);
                }
                case PIPE -> {
                    configureIdleTimeout(ctx);
                    return PipeRunner.run(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), ctx, printer);
                }
                default -> {
                    Outcome outcome = Dispatcher.run(tokens, ctx);
                    printer.print(outcome, global);
                    return outcome.exit();
                }
            }
        } catch (Exception e) {
            err.println("memos: error: " + Dispatcher.oneLine(e.getMessage()));
            if (global.debug()) {
                e.printStackTrace(err);
            }
            return ExitCodes.FAILURE;
        } finally {
            session.lock();
        }
    }

    static void configureIdleTimeout(Context ctx) {
        try {
            ctx.session().setIdleTimeout(Duration.ofMinutes(ctx.config().getInt(ConfigKey.IDLE_TIMEOUT)));
        } catch (RuntimeException e) {
            ctx.err().println("memos: warning: " + e.getMessage() + " (using the default idle timeout)");
        }
    }
}
