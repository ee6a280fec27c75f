package dev.memos.shell.cmd;

import dev.memos.config.ConfigKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ConfigListCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("config list")
            .group("config")
            .summary("List every configuration key with its value and meaning")
            .example("config list")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            String value = ctx.config().get(key);
            boolean isDefault = !ctx.config().isSet(key);
            text.append(String.format("%-30s %-24s %s%n", key.key(), value.isEmpty() ? "\"\"" : value,
                    (isDefault ? "(default) " : "") + key.description()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key.key());
            row.put("value", value);
            row.put("default", isDefault);
            row.put("description", key.description());
            rows.add(row);
        }
        return CommandResult.of(text.toString().stripTrailing(), Map.of("config", rows, "home", ctx.home().toString()));
    }
}
