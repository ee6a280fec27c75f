package dev.memos.shell.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.audit.AuditProofs;
import dev.memos.audit.AuditTarget;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.store.AtomicFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class AuditProveCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("audit prove")
            .group("audit")
            .summary("Make an inclusion proof (--index N) or a consistency proof (--from A [--to B]) against a signed checkpoint")
            .option(OptionSpec.value("index", "N", "prove entry N (0-based) is in the log"))
            .option(OptionSpec.value("from", "A", "prove the first A entries are a prefix of the checkpoint of size B"))
            .option(OptionSpec.value("to", "B", "a checkpoint size (default: the newest checkpoint)"))
            .option(AuditLogOption.IDENTITY)
            .option(OptionSpec.value("output", "FILE", "write the proof to FILE instead of printing it").completes(OptionSpec.Completion.FILE))
            .example("audit prove --index 42 --output proof.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) throws Exception {
        AuditTarget t = AuditLogOption.target(args, ctx).requireExisting();
        boolean inclusion = args.has("index");
        if (inclusion == args.has("from") || (inclusion && args.has("to"))) {
            throw MemosException.usage("give either --index N, or --from A [--to B]");
        }
        t.checkpointHomeIfBehind(); // the home log can sign for itself
        if (!t.isHome()) {
            // an identity log is signed by its key: now if it is (or unlocks without a prompt), else at its lock
            dev.memos.shell.IdentityResolver.ifAvailable(ctx, t.logId()).ifPresent(u -> ctx.session().audit().checkpoint(ctx, u));
        }
        ObjectNode proof;
        if (inclusion) {
            proof = AuditProofs.inclusion(t.dir(), t.logId(), args.longValue("index", 0, Long.MAX_VALUE).orElseThrow());
        } else {
            Optional<Long> to = args.longValue("to", 0, Long.MAX_VALUE);
            proof = AuditProofs.consistency(t.dir(), t.logId(), args.longValue("from", 0, Long.MAX_VALUE).orElseThrow(), to.orElse(null));
        }
        byte[] bytes = AuditProofs.toBytes(proof);
        Optional<Path> out = args.path("output");
        if (out.isPresent()) {
            AtomicFile.write(out.get(), bytes);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", proof.get("type").asText());
            data.put("log", t.logId());
            data.put("output", out.get().toAbsolutePath().toString());
            data.put("path_length", proof.get("path").size());
            return CommandResult.of(proof.get("type").asText() + " proof written to " + out.get(), data);
        }
        return CommandResult.of(new String(bytes, StandardCharsets.UTF_8), proof);
    }
}
