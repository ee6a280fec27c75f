package dev.memos.shell.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.crypto.Passphrase;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.SecretSource;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.Context;
import dev.memos.shell.GlobalOptions;
import dev.memos.shell.Mode;
import dev.memos.shell.SecretPrompt;
import dev.memos.shell.Session;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where `id` commands get secrets: environment first, then the no-echo prompt, new ones twice. */
class IdSupportSecretsTest {
    @TempDir
    Path home;

    private final List<String> asked = new ArrayList<>();

    private SecretPrompt typing(String... answers) {
        Deque<String> queue = new ArrayDeque<>(List.of(answers));
        return new SecretPrompt() {
            @Override
            public Passphrase read(String prompt) {
                asked.add(prompt);
                return Passphrase.adopt(queue.removeFirst().toCharArray());
            }

            @Override
            public boolean available() {
                return true;
            }
        };
    }

    private Context ctx(Map<String, String> env, SecretPrompt prompt) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Session session = new Session(Clock.systemUTC(), env, prompt, Duration.ofMinutes(5));
        return new Context(MemosHome.at(home), env, Clock.systemUTC(), session, prompt, Mode.INTERACTIVE,
                GlobalOptions.defaults(), sink, sink, CommandCatalog.standard());
    }

    private static String text(Passphrase p) {
        try (p) {
            return new String(p.chars());
        }
    }

    @Test
    void environment_wins_over_the_prompt() {
        SecretSource s = IdSupport.secrets(ctx(Map.of("MEMOS_PASSPHRASE", "from env 123"), typing("typed")));
        assertEquals("from env 123", text(s.get(SecretSource.Kind.IDENTITY_PASSPHRASE, "CW-X")));
        assertTrue(asked.isEmpty());
    }

    @Test
    void new_passphrase_is_asked_twice() {
        SecretSource s = IdSupport.secrets(ctx(Map.of(), typing("same thing 1", "same thing 1")));
        assertEquals("same thing 1", text(s.get(SecretSource.Kind.NEW_EXPORT_PASSPHRASE, "CW-X")));
        assertEquals(2, asked.size());
    }

    @Test
    void rejects_mismatched_repeat() {
        SecretSource s = IdSupport.secrets(ctx(Map.of(), typing("first one 1", "second one 2")));
        MemosException e = assertThrows(MemosException.class, () -> s.get(SecretSource.Kind.NEW_IDENTITY_PASSPHRASE, "CW-X"));
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    @Test
    void without_terminal_names_the_environment_variable() {
        SecretSource s = IdSupport.secrets(ctx(Map.of(), SecretPrompt.none()));
        MemosException e = assertThrows(MemosException.class, () -> s.get(SecretSource.Kind.HSM_PIN, "CW-X"));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("MEMOS_HSM_PIN"));
    }
}
