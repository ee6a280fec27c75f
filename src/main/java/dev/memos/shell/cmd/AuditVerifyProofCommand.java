package dev.memos.shell.cmd;

import dev.memos.audit.AuditProofs;
import dev.memos.audit.AuditTarget;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class AuditVerifyProofCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("audit verify-proof")
            .group("audit")
            .summary("Check a proof from 'audit prove' with only the log's public key (exit 4 if it fails)")
            .option(OptionSpec.positional("file", "the proof file").mandatory().completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.value("public-key", "KEY", "the log's checkpoint key (ed25519:BASE64URL); default: this home's key for home-log proofs"))
            .example("audit verify-proof proof.json --public-key ed25519:3q2-7w…")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Path file = args.requirePath("file");
        byte[] proof;
        try {
            proof = Files.readAllBytes(file);
        } catch (IOException e) {
            throw MemosException.usage("cannot read " + file + ": " + e.getMessage());
        }
        AuditTarget.TrustedKey key;
        if (args.has("public-key")) {
            key = AuditTarget.parseKey(args.require("public-key"));
        } else {
            key = AuditTarget.of(ctx.home(), Optional.empty()).trustedKey(Optional.empty());
        }
        AuditProofs.Verified v = AuditProofs.verify(proof, key.algorithm(), key.publicKey());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", true);
        data.put("type", v.type());
        data.put("log", v.log());
        data.put("tree_size", v.toSize());
        String text;
        if (v.type().equals("inclusion")) {
            data.put("index", v.index());
            data.put("entry", v.entry().orElseThrow().toData());
            text = "ok: entry " + v.index() + " is in log '" + v.log() + "' (signed tree of " + v.toSize() + ")\n  " + v.entry().orElseThrow().toLine();
        } else {
            data.put("from_size", v.fromSize());
            text = "ok: log '" + v.log() + "' of " + v.toSize() + " entries extends its first " + v.fromSize() + " entries unchanged";
        }
        return CommandResult.of(text, data);
    }
}
