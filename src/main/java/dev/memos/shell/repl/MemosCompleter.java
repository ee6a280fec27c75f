package dev.memos.shell.repl;

import dev.memos.shell.Command;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * TAB completion from our command model: command words, sub-commands, option names not yet used,
 * and option or positional values (paths, choices, identity IDs, tx ids). It follows the same rules
 * as the generated bash completion, which is why it replaces Spring Shell's completer (that one
 * cannot complete a partly typed positional value of a two-word command).
 */
final class MemosCompleter implements Completer {
    private static final List<String> GLOBAL_FLAGS = List.of("--json", "--debug", "--quiet", "--no-color");

    private final CommandCatalog catalog;
    private final ValueCompleter values;

    MemosCompleter(CommandCatalog catalog, ValueCompleter values) {
        this.catalog = catalog;
        this.values = values;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = new ArrayList<>();
        List<String> words = line.words();
        for (int i = 0; i < line.wordIndex() && i < words.size(); i++) {
            before.add(words.get(i));
        }
        String cur = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        String prev = before.isEmpty() ? "" : before.get(before.size() - 1);
        if (prev.equals("--profile")) {
            addWords(List.of("local", "mainnet"), cur, candidates);
            return;
        }
        List<String> args = withoutGlobals(before);
        Optional<CommandSpec> spec = resolve(args);
        if (spec.isEmpty()) {
            if (args.isEmpty()) {
                addWords(catalog.topWords(), cur, candidates);
                if (cur.startsWith("-")) {
                    addWords(GLOBAL_FLAGS, cur, candidates);
                }
            } else if (args.size() == 1) {
                addWords(catalog.subWords(args.get(0)), cur, candidates);
            }
            return;
        }
        CommandSpec s = spec.get();
        Optional<OptionSpec> valueOf = s.named().stream().filter(o -> !o.isFlag() && prev.equals("--" + o.name())).findFirst();
        if (valueOf.isPresent()) {
            addValues(valueOf.get(), "", cur, candidates);
            return;
        }
        if (cur.startsWith("--") && cur.contains("=")) {
            String name = cur.substring(2, cur.indexOf('='));
            s.named().stream().filter(o -> o.name().equals(name) && !o.isFlag()).findFirst()
                    .ifPresent(o -> addValues(o, "--" + name + "=", cur.substring(cur.indexOf('=') + 1), candidates));
            return;
        }
        if (cur.startsWith("-")) {
            for (OptionSpec o : s.named()) {
                if (o.repeatable() || !before.contains("--" + o.name())) {
                    add("--" + o.name(), o.description(), cur, true, candidates);
                }
            }
            return;
        }
        s.positionals().stream().findFirst().ifPresent(p -> addValues(p, "", cur, candidates));
    }

    private Optional<CommandSpec> resolve(List<String> args) {
        if (args.size() >= 2) {
            Optional<Command> two = catalog.byName(args.get(0) + " " + args.get(1));
            if (two.isPresent()) {
                return Optional.of(two.get().spec());
            }
        }
        if (!args.isEmpty()) {
            return catalog.byName(args.get(0)).map(Command::spec);
        }
        return Optional.empty();
    }

    private static List<String> withoutGlobals(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--profile")) {
                i++;
            } else if (!GLOBAL_FLAGS.contains(w) && !w.equals("-q")) {
                out.add(w);
            }
        }
        return out;
    }

    private void addValues(OptionSpec option, String prefix, String typed, List<Candidate> candidates) {
        for (ValueCompleter.Item item : values.complete(option, typed)) {
            candidates.add(new Candidate(prefix + item.value(), item.value(), null, null, null, null, item.complete()));
        }
    }

    private static void addWords(List<String> words, String typed, List<Candidate> candidates) {
        for (String w : words) {
            add(w, null, typed, true, candidates);
        }
    }

    private static void add(String value, String description, String typed, boolean complete, List<Candidate> candidates) {
        if (value.startsWith(typed)) {
            candidates.add(new Candidate(value, value, null, description, null, null, complete));
        }
    }
}
