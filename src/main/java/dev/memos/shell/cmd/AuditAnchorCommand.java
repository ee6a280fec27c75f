package dev.memos.shell.cmd;

import dev.memos.app.audit.CheckpointAnchors;
import dev.memos.audit.AuditTarget;
import dev.memos.audit.Checkpoint;
import dev.memos.audit.CheckpointAnchor;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.Services;
import java.util.LinkedHashMap;
import java.util.Map;

public final class AuditAnchorCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("audit anchor")
            .group("audit")
            .summary("Publish the newest signed checkpoint to Arweave (or audit.anchor-dir) so a later rewrite of the whole log is detected")
            .option(AuditLogOption.IDENTITY)
            .example("audit anchor")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        AuditTarget t = AuditLogOption.target(args, ctx).requireExisting();
        CheckpointAnchor anchor = CheckpointAnchors.choose(ctx.config(), Services.of(ctx)::network,
                () -> ArweaveSupport.checkpointUploader(ctx));
        t.checkpointHomeIfBehind();
        Checkpoint cp = t.latestCheckpoint().orElseThrow(() -> MemosException.usage(
                "log '" + t.logId() + "' has no signed checkpoint yet: it gets one when the identity is locked"));
        String id = anchor.publish(cp);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("log", t.logId());
        data.put("size", cp.size());
        data.put("root", Hex.encode(cp.root()));
        data.put("anchor", id);
        data.put("profile", ctx.profile().name());
        return CommandResult.of("anchored checkpoint of log '" + t.logId() + "' (size " + cp.size() + ") at " + id, data);
    }
}
