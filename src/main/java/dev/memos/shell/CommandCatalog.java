package dev.memos.shell;

import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** All commands by name; resolves the longest command name that prefixes a token list. */
public final class CommandCatalog {
    /**
     * The MOCI seed's one-word names, accepted so its examples run as written. They resolve like the
     * two-word command but are not listed: help, completion and the REPL offer only the real names.
     */
    private static final Map<String, String> ALIASES = Map.of(
            "audit-tail", "audit tail",
            "audit-query", "audit query",
            "audit-verify", "audit verify",
            "audit-export", "audit export");

    private final Map<String, Command> byName = new LinkedHashMap<>();

    public CommandCatalog(List<Command> commands) {
        for (Command c : commands) {
            if (byName.put(c.spec().name(), c) != null) {
                throw new IllegalStateException("two commands named '" + c.spec().name() + "'");
            }
        }
    }

    public static CommandCatalog standard() {
        return new CommandCatalog(Commands.all());
    }

    public List<Command> commands() {
        return List.copyOf(byName.values());
    }

    public Optional<Command> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** First words of all commands: what a user can type first. */
    public List<String> topWords() {
        TreeSet<String> words = new TreeSet<>();
        for (String name : byName.keySet()) {
            words.add(name.split(" ")[0]);
        }
        return new ArrayList<>(words);
    }

    /** Second words of the commands that start with {@code group}. */
    public List<String> subWords(String group) {
        List<String> out = new ArrayList<>();
        for (String name : byName.keySet()) {
            String[] w = name.split(" ");
            if (w.length > 1 && w[0].equals(group)) {
                out.add(w[1]);
            }
        }
        return out;
    }

    /** Hidden alias → the command name it stands for. */
    public static Map<String, String> aliases() {
        return ALIASES;
    }

    /** Command plus how many leading tokens named it. */
    public record Match(Command command, int consumed) {
    }

    public Match resolve(List<String> tokens) {
        if (tokens.size() >= 2) {
            Command two = byName.get(tokens.get(0) + " " + tokens.get(1));
            if (two != null) {
                return new Match(two, 2);
            }
        }
        if (!tokens.isEmpty()) {
            Command one = byName.get(tokens.get(0));
            if (one != null) {
                return new Match(one, 1);
            }
            Command aliased = ALIASES.containsKey(tokens.get(0)) ? byName.get(ALIASES.get(tokens.get(0))) : null;
            if (aliased != null) {
                return new Match(aliased, 1);
            }
        }
        throw unknown(tokens);
    }

    private MemosException unknown(List<String> tokens) {
        String first = tokens.isEmpty() ? "" : tokens.get(0);
        List<String> subs = subWords(first);
        if (!subs.isEmpty()) {
            String typed = tokens.size() > 1 ? tokens.get(1) : "";
            String hint = Suggest.closest(typed, subs).map(s -> "did you mean '" + first + " " + s + "'?")
                    .orElse("one of: " + String.join(", ", subs));
            return MemosException.usage(typed.isEmpty()
                    ? "'" + first + "' needs a sub-command: " + hint
                    : "unknown command '" + first + " " + typed + "': " + hint);
        }
        List<String> candidates = new ArrayList<>(byName.keySet());
        candidates.addAll(topWords());
        String hint = Suggest.closest(first, candidates).map(s -> ": did you mean '" + s + "'?")
                .orElse(": run 'memos help' for the list");
        return MemosException.usage("unknown command '" + first + "'" + hint);
    }
}
