package dev.memos.shell;

import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the tokens after a command name against its spec: {@code --name value}, {@code --name=value},
 * one-letter aliases ({@code -n value}),
 * bare flags, positionals, and {@code --} to end options. Unknown options fail with a suggestion.
 */
public final class ArgParser {
    private ArgParser() {
    }

    public static Args parse(CommandSpec spec, List<String> tokens) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!optionsEnded && token.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && token.length() == 2 && token.charAt(0) == '-' && Character.isLetter(token.charAt(1))) {
                // Only a declared alias is an option: any other "-x" stays a positional, as before aliases existed.
                OptionSpec alias = findShort(spec, token.substring(1));
                token = alias == null ? token : "--" + alias.name();
            }
            if (optionsEnded || !token.startsWith("--") || token.length() == 2) {
                positional.add(token);
                continue;
            }
            String name = token.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            OptionSpec option = find(spec, name);
            String value;
            if (option.isFlag()) {
                if (inline != null) {
                    throw MemosException.usage("--" + name + " is a flag and takes no value");
                }
                value = "true";
            } else if (inline != null) {
                value = inline;
            } else if (i + 1 < tokens.size()) {
                value = tokens.get(++i);
            } else {
                throw MemosException.usage("--" + name + " needs a value (" + option.valueLabel() + ")");
            }
            List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
            if (!list.isEmpty() && !option.repeatable() && !option.isFlag()) {
                throw MemosException.usage("--" + name + " given twice: give it once");
            }
            list.add(value);
            if (!option.choices().isEmpty() && !option.choices().contains(value)) {
                throw MemosException.usage("--" + name + " must be one of " + String.join(", ", option.choices()) + ", got '" + value + "'");
            }
        }
        assignPositionals(spec, positional, values);
        for (OptionSpec o : spec.options()) {
            if (o.required() && !values.containsKey(o.name())) {
                throw MemosException.usage(o.positional()
                        ? "missing " + o.valueLabel() + ": usage: " + spec.usage()
                        : "missing --" + o.name() + ": usage: " + spec.usage());
            }
            if (o.defaultValue() != null && !values.containsKey(o.name())) {
                values.put(o.name(), List.of(o.defaultValue()));
            }
        }
        return new Args(values);
    }

    private static void assignPositionals(CommandSpec spec, List<String> positional, Map<String, List<String>> values) {
        List<OptionSpec> slots = spec.positionals();
        int next = 0;
        for (String value : positional) {
            if (next >= slots.size()) {
                throw MemosException.usage("unexpected argument '" + abbreviate(value) + "': usage: " + spec.usage());
            }
            OptionSpec slot = slots.get(next);
            if (!slot.choices().isEmpty() && !slot.choices().contains(value)) {
                throw MemosException.usage(slot.valueLabel() + " must be one of " + String.join(", ", slot.choices())
                        + ", got '" + abbreviate(value) + "'");
            }
            values.computeIfAbsent(slot.name(), k -> new ArrayList<>()).add(value);
            if (!slot.repeatable()) {
                next++;
            }
        }
    }

    private static OptionSpec findShort(CommandSpec spec, String letter) {
        for (OptionSpec o : spec.named()) {
            if (letter.equals(o.shortName())) {
                return o;
            }
        }
        return null;
    }

    private static OptionSpec find(CommandSpec spec, String name) {
        for (OptionSpec o : spec.named()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        List<String> names = spec.named().stream().map(OptionSpec::name).toList();
        String hint = Suggest.closest(name, names).map(s -> ": did you mean '--" + s + "'?").orElse(": see 'memos help " + spec.name() + "'");
        throw MemosException.usage("unknown option --" + name + " for '" + spec.name() + "'" + hint);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
