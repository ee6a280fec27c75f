package dev.memos.shell.cmd;

import dev.memos.audit.AuditProofs;
import dev.memos.audit.AuditKeys;
import dev.memos.audit.AuditTarget;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.IdentityStores;
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
            .option(OptionSpec.value("public-key", "KEY", "the log's checkpoint key (ed25519:BASE64URL); default: the identity's key from this home, or this home's key for home-log proofs"))
            .example("audit verify-proof proof.json --public-key ed25519:3q2-7w…")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** The log a proof names (checked again, with the signatures, by AuditProofs.verify). */
    private static String proofLog(byte[] proof) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = dev.memos.encoding.Json.mapper().readTree(proof);
            String log = n == null ? null : n.path("log").textValue();
            if (log == null) {
                throw MemosException.integrity("not an audit proof: it names no log");
            }
            return log;
        } catch (IOException e) {
            throw MemosException.integrity("not an audit proof: not JSON");
        }
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
            // An identity log's proof is checked with that identity's key from this home's store.
            String log = proofLog(proof);
            key = IdentityStores.auditKey(ctx, log).orElseGet(() -> {
                if (!AuditKeys.HOME_LOG.equals(log)) {
                    throw MemosException.usage("the proof is for log '" + log + "', which is not an identity of this home: "
                            + "give its key with --public-key");
                }
                return AuditTarget.of(ctx.home(), Optional.empty()).trustedKey(Optional.empty());
            });
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
