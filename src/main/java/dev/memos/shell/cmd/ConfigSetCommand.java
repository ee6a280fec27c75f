package dev.memos.shell.cmd;

import dev.memos.audit.AuditEvents;
import dev.memos.config.ConfigKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

public final class ConfigSetCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("config set")
            .group("config")
            .summary("Set a configuration value (validated; an invalid value changes nothing)")
            .option(OptionSpec.positional("key", "a configuration key (see 'config list')").mandatory()
                    .choices(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toArray(String[]::new)))
            .option(OptionSpec.positional("value", "the new value").mandatory())
            .example("config set session.idle-timeout-minutes 5")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        ConfigKey key = ConfigGetCommand.lookup(args.require("key"));
        String value = args.require("value");
        ctx.home().ensure();
        String old = ctx.config().set(key, value);
        if (key == ConfigKey.IDLE_TIMEOUT) {
            ctx.session().setIdleTimeout(Duration.ofMinutes(Integer.parseInt(value)));
        }
        // Settings steer security (profile, gateways, summariser, limits): every change is on record.
        Map<String, String> audit = new java.util.LinkedHashMap<>();
        audit.put("key", key.key());
        audit.put("old", old == null ? "(default) " + key.defaultValue() : old);
        audit.put("value", value);
        return CommandResult.of(key.key() + " = " + value, Map.of("key", key.key(), "value", value))
                .withWarnings(ctx.audit(AuditEvents.CONFIG_CHANGE, audit));
    }
}
