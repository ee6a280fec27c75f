package dev.memos.shell;

import java.util.List;
import java.util.Objects;

/**
 * One option or positional parameter of a command. The same model drives parsing, help text and
 * the generated bash/zsh completion, so the three can never disagree.
 */
public record OptionSpec(String name, String valueLabel, String description, boolean required, boolean repeatable,
                         Completion completion, List<String> choices, String defaultValue, boolean positional,
                         String shortName) {

    /** What a completer should offer for a value. */
    public enum Completion { NONE, FILE, DIRECTORY, CHOICES, IDENTITY, TX_ID, COMMAND }

    public OptionSpec {
        Objects.requireNonNull(name);
        choices = List.copyOf(choices);
    }

    public boolean isFlag() {
        return valueLabel == null && !positional;
    }

    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, description, false, false, Completion.NONE, List.of(), null, false, null);
    }

    public static OptionSpec value(String name, String label, String description) {
        return new OptionSpec(name, label, description, false, false, Completion.NONE, List.of(), null, false, null);
    }

    public static OptionSpec positional(String name, String description) {
        return new OptionSpec(name, name.toUpperCase(java.util.Locale.ROOT), description, false, false,
                Completion.NONE, List.of(), null, true, null);
    }

    public OptionSpec mandatory() {
        return new OptionSpec(name, valueLabel, description, true, repeatable, completion, choices, defaultValue, positional, shortName);
    }

    public OptionSpec many() {
        return new OptionSpec(name, valueLabel, description, required, true, completion, choices, defaultValue, positional, shortName);
    }

    public OptionSpec completes(Completion kind) {
        return new OptionSpec(name, valueLabel, description, required, repeatable, kind, choices, defaultValue, positional, shortName);
    }

    public OptionSpec choices(String... values) {
        return new OptionSpec(name, valueLabel, description, required, repeatable, Completion.CHOICES, List.of(values),
                defaultValue, positional, shortName);
    }

    public OptionSpec defaultsTo(String value) {
        return new OptionSpec(name, valueLabel, description, required, repeatable, completion, choices, value, positional, shortName);
    }

    /** A one-letter alias ({@code -n} for {@code --lines}); parsed like the long name. */
    public OptionSpec shortName(String letter) {
        if (letter == null || !letter.matches("[A-Za-z]") || positional) {
            throw new IllegalArgumentException("a short option is one letter on a named option");
        }
        return new OptionSpec(name, valueLabel, description, required, repeatable, completion, choices, defaultValue, positional, letter);
    }

    /** How the option appears in a usage line. */
    public String usage() {
        String core = positional ? valueLabel : "--" + name + (isFlag() ? "" : " " + valueLabel);
        String shown = repeatable ? core + "…" : core;
        return required ? shown : "[" + shown + "]";
    }
}
