package dev.memos.shell;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether stdin/stdout are a terminal, on JDK 17 (console() is null otherwise) and 22+ (isTerminal()). */
final class Terminals {
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
}
