package dev.memos.shell.cmd;

import dev.memos.audit.AuditExport;
import dev.memos.audit.AuditTarget;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

public final class AuditExportCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("audit export")
            .group("audit")
            .summary("Write an audit log for an auditor: entries, their hashes and MACs, and the signed checkpoints")
            .option(OptionSpec.value("format", "FORMAT", "json (one document) or jsonl (one object per line)").choices("json", "jsonl").defaultsTo("json"))
            .option(OptionSpec.value("output", "FILE", "where to write (0600, written atomically)").mandatory().completes(OptionSpec.Completion.FILE))
            .option(AuditLogOption.IDENTITY)
            .option(OptionSpec.flag("force", "replace FILE if it exists"))
            .example("audit export --format json --output audit.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        AuditTarget t = AuditLogOption.target(args, ctx).requireExisting();
        Path out = args.requirePath("output").toAbsolutePath();
        if (Files.exists(out) && !args.flag("force")) {
            throw MemosException.usage(out + " exists: choose another --output or add --force");
        }
        AuditExport.Format format = AuditExport.Format.valueOf(args.require("format").toUpperCase(Locale.ROOT));
        long n = AuditExport.write(t.dir(), t.logId(), format, out, ctx.clock().instant());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("log", t.logId());
        data.put("entries", n);
        data.put("format", args.require("format"));
        data.put("output", out.toString());
        return CommandResult.of("exported " + n + " entries of log '" + t.logId() + "' to " + out, data);
    }
}
