package dev.memos.shell.cmd;

import dev.memos.audit.AuditTarget;
import dev.memos.audit.AuditVerifier;
import dev.memos.audit.Checkpoint;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.IdentityStores;
import dev.memos.shell.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class AuditVerifyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("audit verify")
            .group("audit")
            .summary("Check the audit logs: HMAC chain, order, signed checkpoints (exit 4 naming the first bad index)")
            .option(OptionSpec.value("identity", "ID", "only this identity's log (default: home and every identity log)")
                    .completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.flag("anchored", "also check against the newest published checkpoint (catches a replaced log)"))
            .option(OptionSpec.value("public-key", "KEY", "the identity's checkpoint key (ed25519:BASE64URL); default: the identity's key from this home's identity store"))
            .example("audit verify --anchored")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        List<AuditCoverage.Log> expected = args.has("identity")
                ? List.of(AuditCoverage.of(ctx, dev.memos.audit.AuditLogs.checkId(args.require("identity"))))
                : AuditCoverage.all(ctx);
        List<AuditCoverage.Log> missing = expected.stream().filter(AuditCoverage.Log::missing).toList();
        // Every identity of the home is verified or reported: the folder listing is only a fallback for
        // logs of identities that are gone (their folder holds nothing else).
        List<AuditTarget> targets = args.has("identity")
                ? expected.stream().filter(AuditCoverage.Log::present).map(AuditCoverage.Log::target).toList()
                : AuditTarget.all(ctx.home()).stream().filter(AuditTarget::exists).toList();
        if (targets.isEmpty() && missing.isEmpty()) {
            if (args.has("identity")) {
                AuditLogOption.target(args, ctx).requireExisting();
            }
            throw MemosException.usage("no audit log in " + ctx.home() + ": nothing was logged yet");
        }
        if (args.has("public-key") && targets.size() > 1) {
            throw MemosException.usage("--public-key names one log's key: add --identity ID");
        }
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> logs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (AuditTarget t : targets) {
            AuditTarget.TrustedKey key = args.has("public-key") ? t.trustedKey(args.get("public-key"))
                    : IdentityStores.auditKey(ctx, t.logId()).orElseGet(() -> t.trustedKey(Optional.empty()));
            if (key.source().equals("first-checkpoint")) {
                warnings.add("log '" + t.logId() + "': trusting the key of its first checkpoint (" + key.display()
                        + "); pass --public-key to pin the identity key");
            }
            AuditVerifier v = t.verifier(key);
            Optional<Checkpoint> anchored = Optional.empty();
            if (args.flag("anchored")) {
                anchored = AuditTarget.anchor(ctx.config(), ctx.profile(), null).fetchLatest(t.logId(), key.algorithm(), key.publicKey());
                if (anchored.isEmpty()) {
                    throw MemosException.failure("no anchored checkpoint found for log '" + t.logId() + "': run 'memos audit anchor' first", null);
                }
                v.anchor(anchored.get());
            }
            AuditVerifier.Report r = v.verify();
            if (r.tornTail()) {
                warnings.add("log '" + t.logId() + "' ends in a torn record (an append cut short by a crash); it is dropped on the next append");
            }
            if (r.uncheckpointed() > 0) {
                warnings.add("log '" + t.logId() + "': the last " + r.uncheckpointed() + " entries are not yet covered by a signed checkpoint");
            }
            text.append(String.format("ok  %-12s %d entries, %d checkpoints%s%s, key %s%n", t.logId(), r.entries(), r.checkpoints(),
                    r.latestCheckpoint().map(c -> " (newest: size " + c.size() + " at " + c.time() + ")").orElse(""),
                    anchored.map(a -> ", anchored at size " + a.size()).orElse(""), key.display()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("log", t.logId());
            row.put("entries", r.entries());
            row.put("checkpoints", r.checkpoints());
            row.put("root", Hex.encode(r.root()));
            row.put("uncheckpointed", r.uncheckpointed());
            row.put("torn_tail", r.tornTail());
            row.put("anchored_size", anchored.map(Checkpoint::size).orElse(null));
            row.put("public_key", key.display());
            row.put("key_source", key.source());
            logs.add(row);
        }
        if (!missing.isEmpty()) {
            throw AuditCoverage.missing(missing, targets.size());
        }
        for (AuditCoverage.Log l : expected) {
            if (!l.present()) {
                text.append(String.format("--  %-12s no log yet (nothing recorded for it)%n", l.target().logId()));
            }
        }
        return CommandResult.of(text.toString(), Map.of("ok", true, "logs", logs)).withWarnings(warnings);
    }
}
