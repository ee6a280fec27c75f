package dev.memos.shell;

import dev.memos.config.Config;
import dev.memos.config.MemosHome;
import dev.memos.config.Profile;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command may use besides its arguments: the home and config, the session, the
 * clock, the environment, how output is shown, and the catalog (for help and completion).
 */
public final class Context {
    private final MemosHome home;
    private final Map<String, String> env;
    private final Clock clock;
    private final Session session;
    private final SecretPrompt prompt;
    private final Mode mode;
    private final GlobalOptions global;
    private final PrintStream out;
    private final PrintStream err;
    private final CommandCatalog catalog;
    /** This invocation's standard input (the MCP server's protocol channel); never System.in behind the caller's back. */
    private final InputStream in;
    private final Config[] config;
    /** The progress display of the command this context runs (one line, one context); made on first use. */
    private ProgressBar progress;
    /** Where progress also goes besides the bar (the MCP server's notifications); NONE elsewhere. */
    private final dev.memos.backup.ProgressListener progressTap;

    /** A context without standard input (library and tool calls): a command that reads it sees end of input. */
    public Context(MemosHome home, Map<String, String> env, Clock clock, Session session, SecretPrompt prompt, Mode mode,
                   GlobalOptions global, PrintStream out, PrintStream err, CommandCatalog catalog) {
        this(home, env, clock, session, prompt, mode, global, InputStream.nullInputStream(), out, err, catalog);
    }

    public Context(MemosHome home, Map<String, String> env, Clock clock, Session session, SecretPrompt prompt, Mode mode,
                   GlobalOptions global, InputStream in, PrintStream out, PrintStream err, CommandCatalog catalog) {
        this.in = in;
        this.home = home;
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.session = session;
        this.prompt = prompt;
        this.mode = mode;
        this.global = global;
        this.out = out;
        this.err = err;
        this.catalog = catalog;
        this.config = new Config[1];
        this.progressTap = dev.memos.backup.ProgressListener.NONE;
    }

    private Context(Context base, GlobalOptions global) {
        this(base, global, base.progressTap);
    }

    private Context(Context base, GlobalOptions global, dev.memos.backup.ProgressListener progressTap) {
        this.progressTap = progressTap;
        this.home = base.home;
        this.env = base.env;
        this.clock = base.clock;
        this.session = base.session;
        this.prompt = base.prompt;
        this.mode = base.mode;
        this.global = global;
        this.out = base.out;
        this.err = base.err;
        this.catalog = base.catalog;
        this.in = base.in;
        this.config = base.config;
    }

    /** The same context with the global options of one line merged in (shares session and config). */
    public Context withGlobal(GlobalOptions options) {
        return new Context(this, options);
    }

    /** The same context whose commands also report progress to {@code tap} (which must be cheap and never throw). */
    public Context withProgressTap(dev.memos.backup.ProgressListener tap) {
        return new Context(this, global, tap);
    }

    /** The standard input this command line was given (Main's stdin; an in-process harness's own stream). */
    public InputStream in() {
        return in;
    }

    dev.memos.backup.ProgressListener progressTap() {
        return progressTap;
    }

    public MemosHome home() {
        return home;
    }

    /** Loaded on first use so that commands that need no config never touch the disk. */
    public Config config() {
        synchronized (config) {
            if (config[0] == null) {
                config[0] = Config.load(home);
            }
            return config[0];
        }
    }

    public Profile profile() {
        return config().profile(global.profile());
    }

    public Map<String, String> env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public Session session() {
        return session;
    }

    public SecretPrompt prompt() {
        return prompt;
    }

    public Mode mode() {
        return mode;
    }

    public GlobalOptions global() {
        return global;
    }

    /** For commands that stream (follow, progress); most return a CommandResult instead. */
    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public CommandCatalog catalog() {
        return catalog;
    }

    /**
     * Records a security event in the audit log of the unlocked identity (or the home log) and
     * returns the warnings to attach to the command's result (empty when recorded).
     */
    public java.util.List<String> audit(String event, Map<String, String> details) {
        return session.audit().record(this, event, details).map(java.util.List::of).orElse(java.util.List.of());
    }

    /** Like {@link #audit(String, Map)} for an event about identity {@code identity} (see {@link AuditTrail#record}). */
    public java.util.List<String> audit(String event, String identity, Map<String, String> details) {
        return session.audit().record(this, event, identity, details).map(java.util.List::of).orElse(java.util.List.of());
    }

    /** Where long operations of this command report progress; shown only where a person watches (see ProgressBar). */
    public synchronized ProgressBar progress() {
        if (progress == null) {
            progress = ProgressBar.of(this);
        }
        return progress;
    }

    /** Ends the command's progress display (its last line stays), before the result is printed. */
    synchronized void closeProgress() {
        if (progress != null) {
            progress.close();
        }
    }

    /** Progress bars and other chatter only where a person is watching. */
    public boolean chatty() {
        return !global.json() && mode != Mode.PIPE && !global.quiet();
    }
}
