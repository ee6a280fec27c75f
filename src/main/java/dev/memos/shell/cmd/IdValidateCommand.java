package dev.memos.shell.cmd;

import dev.memos.error.MemosException;
import dev.memos.identity.BlockedNames;
import dev.memos.identity.IdValidation;
import dev.memos.identity.MociId;
import dev.memos.config.ConfigKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.LinkedHashMap;
import java.util.Map;

public final class IdValidateCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id validate")
            .group("id")
            .summary("Check the format and checksum of a MOCI id (exit 2 with the reason when invalid)")
            .option(OptionSpec.positional("id", "the id to check, e.g. CW-NOVA.R7KMX2-AA").mandatory()
                    .completes(OptionSpec.Completion.IDENTITY))
            .example("id validate CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String text = args.require("id");
        IdValidation v = IdValidation.check(text);
        if (!v.valid()) {
            throw MemosException.usage("invalid (" + v.reason().name().toLowerCase(java.util.Locale.ROOT) + "): " + v.message());
        }
        MociId id = MociId.parse(text);
        if (BlockedNames.parse(ctx.config().get(ConfigKey.ID_BLOCKED_NAMES)).contains(id.name())) {
            throw MemosException.usage("invalid (blocked): the name " + id.name() + " is reserved, no honest identity uses it");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("valid", true);
        data.put("id", id.toString());
        data.put("name", id.name());
        data.put("suffix", id.suffix());
        data.put("checksum", id.checksum());
        return CommandResult.of("valid", data);
    }
}
