package dev.memos.shell.cmd;

import dev.memos.config.ConfigKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.Arrays;
import java.util.Map;

public final class ConfigGetCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("config get")
            .group("config")
            .summary("Print one configuration value (or its default)")
            .option(OptionSpec.positional("key", "a configuration key (see 'config list')").mandatory()
                    .choices(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toArray(String[]::new)))
            .example("config get profile")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        ConfigKey key = lookup(args.require("key"));
        String value = ctx.config().get(key);
        return CommandResult.of(value, Map.of("key", key.key(), "value", value, "default", !ctx.config().isSet(key)));
    }

    static ConfigKey lookup(String name) {
        return ConfigKey.byKey(name).orElseThrow(() -> MemosException.usage(
                "unknown configuration key '" + name + "': run 'memos config list' for the keys"));
    }
}
