package dev.memos.shell;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Whether stdin/stdout are a terminal, on JDK 17 (console() is null otherwise) and 22+ (isTerminal()). */
final class Terminals {
    /** The devices a terminal's file descriptor points at on Linux: pseudo-terminals, consoles, serial lines. */
    private static final Pattern TTY = Pattern.compile("/dev/(pts/\\d+|tty\\w*|console)");

    private Terminals() {
    }

    static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Whether stderr is a terminal. The JDK cannot say (System.console() is about stdin and stdout), so
     * this reads where file descriptor 2 points on Linux; elsewhere it answers false, and nothing that
     * depends on it (progress) is shown.
     */
    static boolean stderrIsTerminal() {
        try {
            return TTY.matcher(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString()).matches();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
