package dev.memos.archfixture;

import dev.memos.shell.CommandResult;
import org.jline.terminal.Terminal;
import org.springframework.context.ApplicationContext;

/** Violates "core never imports the shell, Spring or JLine": a class outside dev.memos.shell using all three. */
public final class CoreUsesShell {
    private CoreUsesShell() {
    }

    public static CommandResult render(String text) {
        return CommandResult.text(text);
    }

    public static String name(Terminal terminal, ApplicationContext spring) {
        return terminal.getName() + spring.getId();
    }
}
