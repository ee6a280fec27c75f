package dev.memos.shell.repl;

import dev.memos.shell.Command;
import dev.memos.shell.Context;
import dev.memos.shell.HistoryFilter;
import dev.memos.shell.Printer;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.config.UserConfigPathProvider;
import org.springframework.shell.jline.JLineInputProvider;
import org.springframework.shell.jline.PromptProvider;

/**
 * Spring Shell wiring for the REPL. Every bean is declared here; our Context, Printer and secret
 * prompt are handed in as singletons by {@link ReplLauncher}. Each bean replaces a
 * {@code @ConditionalOnMissingBean} default of Spring Shell 4.0.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ReplConfiguration {
    /** The history file's name in $MEMOS_HOME (also spring.shell.history.name). */
    static final String HISTORY_NAME = "history";

    /** Our command model, registered programmatically (no classpath scan for @Command methods). */
    @Bean
    CommandRegistry commandRegistry(Context ctx) {
        CommandRegistry registry = new CommandRegistry();
        for (Command c : ctx.catalog().commands()) {
            registry.registerCommand(new ModelCommand(c.spec()));
        }
        return registry;
    }

    @Bean
    CommandParser commandParser(CommandRegistry registry) {
        return new RawArgsParser(registry);
    }

    /** The prompt names what is unlocked, re-evaluated before every line. */
    @Bean
    PromptProvider promptProvider(Context ctx) {
        return () -> prompt(ctx);
    }

    static AttributedString prompt(Context ctx) {
        String label = ctx.session().promptLabel();
        boolean locked = label.equals("locked");
        AttributedStyle style = AttributedStyle.DEFAULT.foreground(locked ? AttributedStyle.YELLOW : AttributedStyle.GREEN);
        return new AttributedString("memos(" + label + ")> ", style);
    }

    /** History lives in $MEMOS_HOME/history (file name from spring.shell.history.name). */
    @Bean
    UserConfigPathProvider userConfigPathProvider(Context ctx) {
        return () -> ctx.home().ensure().root();
    }

    /**
     * A line that looks like it carries a secret is never added, so it reaches neither memory nor
     * disk; the file is private (0600) before JLine first appends to it, and an older, wider one
     * is narrowed, since even filtered history says what was done.
     */
    @Bean
    History history(Context ctx) {
        return new DefaultHistory() {
            @Override
            public void add(Instant time, String line) {
                if (HistoryFilter.mayRemember(line)) {
                    super.add(time, line);
                }
            }

            @Override
            public void save() throws IOException {
                privateHistory(ctx.home().root().resolve(HISTORY_NAME));
                super.save();
            }
        };
    }

    @Bean
    SmartInitializingSingleton lineReaderSetup(LineReader reader, JLineSecretPrompt prompt, Context ctx) {
        return () -> {
            if (reader instanceof LineReaderImpl impl) {
                impl.setCompleter(new MemosCompleter(ctx.catalog(), new ValueCompleter(ctx.home(), ctx.catalog())));
            }
            reader.setVariable(LineReader.HISTORY_FILE_SIZE, 2000);
            reader.setOpt(LineReader.Option.HISTORY_IGNORE_SPACE);
            prompt.attach(reader);
            privateHistory(ctx.home().root().resolve(HISTORY_NAME));
            // The idle timer locks the session while the prompt waits: say so above it and show
            // the locked prompt at once, instead of the unlocked one until the next Enter.
            if (reader instanceof LineReaderImpl impl) {
                ctx.session().onIdleLock(() -> {
                    if (impl.isReading()) {
                        String reason = ctx.session().takeLockReason();
                        impl.setPrompt(prompt(ctx).toAnsi(impl.getTerminal()));
                        impl.printAbove("memos: " + (reason == null ? "session locked" : reason));
                    }
                });
            }
        };
    }

    /** Creates the history file 0600 (JLine would create it with the umask) or narrows an existing one. */
    static void privateHistory(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            PrivateFiles.restrictFile(file);
        } catch (FileAlreadyExistsException ignored) {
            // another memos created it first: it is narrowed on the next save
        } catch (IOException | UnsupportedOperationException e) {
            // history is a convenience; a home on a non-POSIX file system keeps its defaults
        }
    }

    @Bean
    TerminalCustomizer terminalCustomizer() {
        return builder -> builder.dumb(true);
    }

    @Bean
    @Primary
    ShellRunner memosReplLoop(JLineInputProvider input, Context ctx, Printer printer) {
        return new ReplLoop(input, ctx, printer);
    }
}
