package dev.memos.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The static description of a command: its (possibly two-word) name, one-line summary, options and
 * one example. Help, parsing and completion scripts are all generated from it.
 */
public record CommandSpec(String name, String group, String summary, List<OptionSpec> options, String example) {

    public CommandSpec {
        Objects.requireNonNull(name);
        options = List.copyOf(options);
    }

    public List<String> words() {
        return List.of(name.split(" "));
    }

    public List<OptionSpec> named() {
        return options.stream().filter(o -> !o.positional()).toList();
    }

    public List<OptionSpec> positionals() {
        return options.stream().filter(OptionSpec::positional).toList();
    }

    public String usage() {
        StringBuilder b = new StringBuilder("memos ").append(name);
        for (OptionSpec o : options) {
            b.append(' ').append(o.usage());
        }
        return b.toString();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent construction so command classes read like their help page. */
    public static final class Builder {
        private final String name;
        private String group = "general";
        private String summary = "";
        private final List<OptionSpec> options = new ArrayList<>();
        private String example = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder option(OptionSpec option) {
            options.add(option);
            return this;
        }

        public Builder example(String example) {
            this.example = example;
            return this;
        }

        public CommandSpec build() {
            if (summary.isBlank() || example.isBlank()) {
                throw new IllegalStateException("command '" + name + "' needs a summary and an example");
            }
            return new CommandSpec(name, group, summary, options, example);
        }
    }
}
