package dev.memos.shell.cmd;

import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import java.nio.file.Path;
import java.util.Map;

public final class IdExportCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id export")
            .group("id")
            .summary("Export an identity (tiers 1-2) to an encrypted moci-export-XXXXXXXX.enc file")
            .option(IdSupport.idOption())
            .option(OptionSpec.value("output", "DIR", "folder to write the file into (default: current folder)")
                    .completes(OptionSpec.Completion.DIRECTORY))
            .example("id export --output /media/usb")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Target t = IdSupport.target(args, ctx);
        MociId id = t.id();
        Path dir = args.path("output").orElse(Path.of("")).toAbsolutePath();
        // The export carries rings (in portable form: rings.bin only opens on this device) and the audit
        // log, closed first so a checkpoint signed by the identity key covers every entry it carries.
        ctx.session().audit().closeLog(id.toString());
        Path portable = RingSessions.writePortable(ctx, id.toString(), t.store().directory(id));
        Path file;
        try {
            file = t.store().exportTo(id, dir, IdSupport.secrets(ctx));
        } finally {
            if (portable != null) {
                try {
                    java.nio.file.Files.deleteIfExists(portable);
                } catch (java.io.IOException e) {
                    t.warnings().list.add("could not remove " + portable + " (plaintext memories): delete it by hand");
                }
            }
        }
        return t.attach(CommandResult.of("exported " + id + " to " + file + " (encrypted, safe to transfer)",
                Map.of("id", id.toString(), "file", file.toString())));
    }
}
