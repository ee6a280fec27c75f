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
            .option(OptionSpec.value("public-key", "KEY", "the log's checkpoint key (ed25519:BASE64URL); default: the key known for the ID (this home, a pin, its inception record), or this home's key for home-log proofs; a key other than the known one is refused (exit 8)"))
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

    /**
     * The key an identity log's proof is checked with is the ID's known key (FORMAT.md §13.1: this
     * home's identity, a pin, the inception record), as for every other verifying command: a
     * {@code --public-key} that differs from it is refused (exit 8), and with neither the proof is not
     * checked (exit 9). The home log has no ID: its key is this home's, or the one given.
     */
    private static AuditTarget.TrustedKey trustedKey(Context ctx, String log, Args args) {
        Optional<AuditTarget.TrustedKey> given = args.get("public-key").map(AuditTarget::parseKey);
        if (!dev.memos.identity.IdValidation.check(log).valid()) {
            return given.orElseGet(() -> {
                if (!AuditKeys.HOME_LOG.equals(log)) {
                    throw MemosException.usage("the proof is for log '" + log + "', which is not an identity ID: "
                            + "give its key with --public-key");
                }
                return AuditTarget.of(ctx.home(), Optional.empty()).trustedKey(Optional.empty());
            });
        }
        Optional<dev.memos.identity.KnownKey> known = KnownKeySupport.resolver(ctx).find(log);
        if (known.isPresent()) {
            if (given.isPresent() && !known.get().matches(given.get().algorithm(), given.get().publicKey())) {
                throw dev.memos.identity.KnownKeys.mismatch(log, given.get().publicKey(), known.get());
            }
            return new AuditTarget.TrustedKey(known.get().algorithm(), known.get().publicKey(), known.get().source().code());
        }
        return given.orElseThrow(() -> new MemosException(dev.memos.error.ErrorKind.UNVERIFIED_KEY,
                "no key is known for " + log + " (not an identity of this home, no pin, no inception record): "
                        + "pin it with 'memos id pin " + log + " --key K' or give --public-key"));
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
        AuditTarget.TrustedKey key = trustedKey(ctx, proofLog(proof), args);
        AuditProofs.Verified v = AuditProofs.verify(proof, key.algorithm(), key.publicKey());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", true);
        data.put("type", v.type());
        data.put("log", v.log());
        data.put("tree_size", v.toSize());
        data.put("key_source", key.source());
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
