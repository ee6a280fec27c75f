package dev.memos.shell.cmd;

import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.ExitCodes;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.Version;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class HelpCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("help")
            .group("shell")
            .summary("List commands, or show one command's options and an example")
            .option(OptionSpec.positional("topic", "a command name (one or two words) or 'exit-codes'")
                    .many().completes(OptionSpec.Completion.COMMAND))
            .example("help backup")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        List<String> topic = args.all("topic");
        if (topic.isEmpty()) {
            return overview(ctx.catalog());
        }
        if (topic.size() == 1 && topic.get(0).equals("exit-codes")) {
            return exitCodes();
        }
        String name = String.join(" ", topic);
        if (topic.size() == 1 && !ctx.catalog().subWords(name).isEmpty() && ctx.catalog().byName(name).isEmpty()) {
            return group(ctx.catalog(), name);
        }
        CommandCatalog.Match match = ctx.catalog().resolve(topic);
        if (match.consumed() != topic.size()) {
            throw MemosException.usage("no command named '" + name + "': run 'memos help' for the list");
        }
        return detail(match.command().spec());
    }

    private static CommandResult overview(CommandCatalog catalog) {
        Map<String, List<CommandSpec>> groups = new TreeMap<>();
        for (Command c : catalog.commands()) {
            groups.computeIfAbsent(c.spec().group(), g -> new ArrayList<>()).add(c.spec());
        }
        StringBuilder text = new StringBuilder(Version.banner()).append("\n\nUsage: memos [--json] [--profile NAME] [--debug] <command> [options]\n");
        List<Map<String, String>> data = new ArrayList<>();
        for (Map.Entry<String, List<CommandSpec>> g : groups.entrySet()) {
            text.append('\n').append(g.getKey()).append(":\n");
            for (CommandSpec s : g.getValue()) {
                text.append(String.format("  %-22s %s%n", s.name(), s.summary()));
                Map<String, String> row = new LinkedHashMap<>();
                row.put("name", s.name());
                row.put("group", s.group());
                row.put("summary", s.summary());
                data.add(row);
            }
        }
        text.append("\nModes: no arguments on a terminal starts the shell; commands on stdin run one per line;\n")
            .append("'memos run FILE.memos' runs a script. 'memos help <command>' shows options; 'memos help exit-codes'.");
        return CommandResult.of(text.toString(), Map.of("commands", data));
    }

    private static CommandResult group(CommandCatalog catalog, String group) {
        StringBuilder text = new StringBuilder("Commands of '" + group + "':\n");
        List<Map<String, String>> data = new ArrayList<>();
        for (String sub : catalog.subWords(group)) {
            CommandSpec s = catalog.byName(group + " " + sub).orElseThrow().spec();
            text.append(String.format("  %-22s %s%n", s.name(), s.summary()));
            data.add(Map.of("name", s.name(), "summary", s.summary()));
        }
        return CommandResult.of(text.toString().stripTrailing(), Map.of("commands", data));
    }

    private static CommandResult detail(CommandSpec s) {
        StringBuilder text = new StringBuilder(s.summary()).append("\n\nUsage: ").append(s.usage()).append('\n');
        List<Map<String, Object>> options = new ArrayList<>();
        if (!s.options().isEmpty()) {
            text.append("\nOptions:\n");
            for (OptionSpec o : s.options()) {
                String left = o.positional() ? o.valueLabel() : "--" + o.name() + (o.isFlag() ? "" : " " + o.valueLabel());
                left = o.shortName() == null ? left : "-" + o.shortName() + ", " + left;
                String extra = o.choices().isEmpty() ? "" : " (" + String.join("|", o.choices()) + ")";
                extra += o.defaultValue() == null ? "" : " [default: " + o.defaultValue() + "]";
                extra += o.required() ? " (required)" : "";
                text.append(String.format("  %-26s %s%s%n", left, o.description(), extra));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", o.name());
                row.put("positional", o.positional());
                row.put("flag", o.isFlag());
                row.put("required", o.required());
                row.put("description", o.description());
                options.add(row);
            }
        }
        text.append("\nExample:\n  memos ").append(s.example());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", s.name());
        data.put("summary", s.summary());
        data.put("usage", s.usage());
        data.put("options", options);
        data.put("example", "memos " + s.example());
        return CommandResult.of(text.toString(), data);
    }

    /** One row of {@code help exit-codes}: a list of rows, since JSON keys are names, not numbers. */
    record ExitCode(int code, String meaning) {
    }

    record ExitCodeTable(List<ExitCode> exitCodes) {
    }

    private static CommandResult exitCodes() {
        StringBuilder text = new StringBuilder("Exit codes:\n");
        List<ExitCode> rows = new ArrayList<>();
        for (Map.Entry<Integer, String> e : ExitCodes.table().entrySet()) {
            text.append(String.format("  %-4d %s%n", e.getKey(), e.getValue()));
            rows.add(new ExitCode(e.getKey(), e.getValue()));
        }
        return CommandResult.of(text.toString().stripTrailing(), new ExitCodeTable(List.copyOf(rows)));
    }
}
