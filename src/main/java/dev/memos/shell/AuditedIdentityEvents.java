package dev.memos.shell;

import dev.memos.audit.AuditEvents;
import dev.memos.crypto.Signer;
import dev.memos.identity.IdentityEvents;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityState;
import dev.memos.identity.MociId;
import dev.memos.ring.Revocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Identity events into the audit trail (and on to {@code extra}); a revocation is also appended to the
 * identity's memory chain. Details are facts only (ids, states, file names, reasons), never secrets.
 * Never throws: a failure to record becomes a warning through {@code warn}.
 */
final class AuditedIdentityEvents implements IdentityEvents {
    private final Context ctx;
    private final IdentityEvents extra;
    private final Consumer<String> warn;

    AuditedIdentityEvents(Context ctx, IdentityEvents extra, Consumer<String> warn) {
        this.ctx = ctx;
        this.extra = extra;
        this.warn = warn;
    }

    private void audit(String event, MociId id, Map<String, String> details) {
        ctx.audit(event, id.toString(), details).forEach(warn);
    }

    /** The shell's completion list of identity ids (CompletionScripts.IDENTITIES_FILE); a convenience that never fails a command. */
    @Override
    public void listChanged(java.util.List<IdentityInfo> identities) {
        extra.listChanged(identities);
        StringBuilder b = new StringBuilder();
        identities.forEach(i -> b.append(i.id()).append('\n'));
        java.nio.file.Path f = ctx.home().resolve(CompletionScripts.IDENTITIES_FILE);
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(f.getParent());
            dev.memos.store.AtomicFile.write(f, b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.io.IOException ignored) {
            // completion is a convenience; never fail a command over it
        }
    }

    @Override
    public void created(IdentityInfo i) {
        extra.created(i);
        audit(AuditEvents.IDENTITY_CREATED, i.id(), Map.of("tier", String.valueOf(i.tier().number()),
                "algorithm", i.algorithm().id()));
    }

    @Override
    public void transitioned(MociId id, IdentityState from, IdentityState to) {
        extra.transitioned(id, from, to);
        if (to != IdentityState.REVOKED) {
            // a revocation is recorded once, by revoked(), with the memory-chain step it appended
            audit(AuditEvents.LIFECYCLE_CHANGE, id, Map.of("from", from.id(), "to", to.id()));
        }
    }

    @Override
    public void revoked(MociId id, byte[] record, byte[] signature, Signer signer) {
        extra.revoked(id, record, signature, signer);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("from", IdentityState.ACTIVE.id());
        d.put("to", IdentityState.REVOKED.id());
        try {
            long step = Revocation.append(RingSessions.openFor(ctx, id.toString(), signer), record, signature);
            d.put("chain_step", String.valueOf(step));
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            warn.accept(id + " is revoked, but the REVOKED record could not be appended to its memory chain: " + why);
            d.put("chain_error", why);
        }
        audit(AuditEvents.LIFECYCLE_CHANGE, id, d);
    }

    @Override
    public void passphraseChanged(MociId id) {
        extra.passphraseChanged(id);
        audit(AuditEvents.KEY_ROTATION, id, Map.of("kind", "passphrase", "tier", "2"));
    }

    @Override
    public void keyRotated(MociId id, byte[] outgoing, dev.memos.identity.KeyEvent rotation) {
        extra.keyRotated(id, outgoing, rotation);
        audit(AuditEvents.KEY_ROTATION, id, Map.of("kind", "identity-key", "seq", String.valueOf(rotation.seq()),
                "from", dev.memos.crypto.KeyFingerprint.of(outgoing), "to", dev.memos.crypto.KeyFingerprint.of(rotation.publicKey()),
                "event", rotation.digest()));
    }

    @Override
    public void recoveredFromBackup(MociId id, String reason) {
        extra.recoveredFromBackup(id, reason);
        audit(AuditEvents.ANOMALY, id, Map.of("kind", "backup-copy-recovery", "file", "identity.json", "reason", reason));
    }

    @Override
    public void damaged(MociId id, String reason) {
        extra.damaged(id, reason);
        audit(AuditEvents.ANOMALY, id, Map.of("kind", "damaged-file", "file", "identity.json", "reason", reason));
    }

    @Override
    public void tombstonesRebuilt(java.util.List<dev.memos.identity.Tombstone> rebuilt, String source) {
        extra.tombstonesRebuilt(rebuilt, source);
        for (dev.memos.identity.Tombstone t : rebuilt) {
            audit(AuditEvents.ANOMALY, t.id(), Map.of("kind", "tombstone-rebuilt", "state", t.state().id(), "source", source));
        }
    }

    @Override
    public void importKeptState(MociId id, IdentityState exported, IdentityState kept) {
        extra.importKeptState(id, exported, kept);
    }

    @Override
    public void exported(MociId id, String fileName) {
        extra.exported(id, fileName);
        audit(AuditEvents.EXPORT, id, Map.of("file", fileName));
    }

    @Override
    public void imported(MociId id, boolean replaced) {
        extra.imported(id, replaced);
        audit(AuditEvents.IMPORT, id, Map.of("replaced", String.valueOf(replaced)));
    }
}
