package dev.memos.shell.cmd;

import dev.memos.app.backup.ArweaveRepository;
import dev.memos.app.backup.KeyRotations;
import dev.memos.audit.AuditEvents;
import dev.memos.crypto.EnvSecrets;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Passphrase;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.Repository;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code backup rotate-key}: hands this key's snapshot history to a new key (FORMAT.md §14.12). Parse, call, render. */
public final class BackupRotateKeyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("backup rotate-key")
            .group("backup")
            .summary("Hand this key's backups over to a new key (MEMOS_NEW_ETH_PRIVATE_KEY or a prompt): signed by both, old keys wrapped for the new")
            .option(OptionSpec.value("to", "ADDRESS", "refuse unless the new key has this address (a check against a wrong key)"))
            .option(SnapshotSupport.REPO)
            .option(ArweaveSupport.TURBO).option(ArweaveSupport.UPLOAD_WALLET)
            .example("backup rotate-key --repo /backups/memos")
            .example("backup rotate-key --to 0x63FaC9201494f0bd17B9892B9fae4d52fe3BD377")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        boolean local = args.has("repo");
        if (local) {
            SnapshotSupport.refuseWithRepo(args, "backup rotate-key", "turbo", "wallet");
        }
        EthPrivateKey oldKey = ArweaveSupport.ethKey(ctx);
        try (EthPrivateKey newKey = newKey(ctx)) {
            List<String> warnings = new ArrayList<>();
            // the handover is the new key's upload: its owner is what a reader with the new key searches
            Repository repo = SnapshotSupport.repository(args, ctx, newKey, true, warnings);
            KeyRotations.Result r = KeyRotations.builder().home(ctx.home()).key(oldKey).clock(ctx.clock()).build()
                    .rotate(new KeyRotations.Request(repo, newKey, args.get("to").orElse(null)));
            String tx = repo instanceof ArweaveRepository a ? a.txId("handover", r.handoverId()).orElse("") : "";
            Map<String, String> audit = new LinkedHashMap<>();
            audit.put("kind", "backup-key");
            audit.put("old_address", r.oldAddress());
            audit.put("new_address", r.newAddress());
            audit.put("handover_id", r.handoverId());
            audit.put("sequence", Long.toString(r.sequence()));
            audit.put("tx_id", tx);
            audit.put("profile", local ? "repo" : ctx.profile().name());
            warnings.addAll(r.warnings());
            warnings.addAll(ctx.audit(AuditEvents.KEY_ROTATION, audit));
            return CommandResult.of("backups of " + r.oldAddress() + " handed over to " + r.newAddress() + " in " + r.repository()
                    + ": handover " + r.handoverId() + (tx.isEmpty() ? "" : " (tx " + tx + ")") + "; the next backup with the new key is sequence "
                    + (r.sequence() + 1) + ". From now on set ETH_PRIVATE_KEY to the new key; whoever holds the old key can still read"
                    + " everything stored before this rotation", r).withWarnings(warnings);
        }
    }

    /** The new key from MEMOS_NEW_ETH_PRIVATE_KEY, else a no-echo prompt; never from argv. */
    private static EthPrivateKey newKey(Context ctx) {
        java.util.Optional<EthPrivateKey> fromEnv;
        try {
            fromEnv = EnvSecrets.of(ctx.env()).newEthKey();
        } catch (MemosException e) {
            throw MemosException.usage(EnvSecrets.NEW_ETH_PRIVATE_KEY + " is not a valid Ethereum private key (64 hex digits, 0x optional)");
        }
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        if (!ctx.prompt().available()) {
            throw MemosException.usage("set " + EnvSecrets.NEW_ETH_PRIVATE_KEY + " to the new key in the environment (it is never taken"
                    + " on the command line), or run this on a terminal to be asked for it");
        }
        try (Passphrase typed = ctx.prompt().read("New Ethereum private key (hex, not echoed): ")) {
            char[] chars = typed.chars();
            try {
                return EthPrivateKey.parse(CharBuffer.wrap(chars));
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
    }
}
