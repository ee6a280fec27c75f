package dev.memos.shell;

import dev.memos.audit.AuditImport;
import dev.memos.audit.AuditKeys;
import dev.memos.config.ConfigKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.identity.BlockedNames;
import dev.memos.identity.HsmConfig;
import dev.memos.identity.IdentityEvents;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.ImportCheck;
import dev.memos.ring.RingPortable;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one place the shell builds an {@link IdentityStore}: config (blocked names, HSM module), the
 * audit trail for every identity event ({@link AuditedIdentityEvents}), and the import checks of the
 * components whose files travel in an export (memory rings, audit log).
 */
public final class IdentityStores {
    private IdentityStores() {
    }

    /** {@code extra} sees every event too (the id commands collect warnings); {@code warn} gets audit failures. */
    public static IdentityStore open(Context ctx, IdentityEvents extra, Consumer<String> warn) {
        return IdentityStore.builder(ctx.home())
                .blockedNames(BlockedNames.parse(ctx.config().get(ConfigKey.ID_BLOCKED_NAMES)))
                .hsm(new HsmConfig(Path.of(ctx.config().get(ConfigKey.ID_HSM_MODULE)),
                        ctx.config().getInt(ConfigKey.ID_HSM_SLOT_INDEX)))
                .events(new AuditedIdentityEvents(ctx, extra, warn))
                .tombstoneWitness(new HomeTombstoneWitness(ctx.home()))
                .importCheck(ringImportCheck(ctx))
                .importCheck(auditImportCheck())
                .build();
    }

    /**
     * The key an identity log's checkpoints must carry: the identity's public key from this home's
     * identity store (no --public-key needed, no trust on first use). Empty for the home log, or when
     * the identity is not (or no longer readably) stored here.
     */
    public static java.util.Optional<dev.memos.audit.AuditTarget.TrustedKey> auditKey(Context ctx, String logId) {
        if (AuditKeys.HOME_LOG.equals(logId) || !dev.memos.identity.IdValidation.check(logId).valid()) {
            return java.util.Optional.empty();
        }
        try {
            return open(ctx, IdentityEvents.NONE, w -> { }).info(dev.memos.identity.MociId.parse(logId))
                    .map(i -> new dev.memos.audit.AuditTarget.TrustedKey(i.algorithm(), i.publicKey(), "identity"));
        } catch (dev.memos.error.MemosException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The rings: chain verified from genesis with the imported key, entries re-sealed for this device; an
     * export older than this home's rings is refused unless --allow-older, which resets the rollback
     * counter and records it in the audit log.
     */
    static ImportCheck ringImportCheck(Context ctx) {
        ImportCheck rings = RingPortable.importCheck();
        java.nio.file.Path home = ctx.home().root();
        return new ImportCheck() {
            @Override
            public void check(Staged staged) {
                try {
                    rings.check(staged);
                } catch (dev.memos.error.MemosException e) {
                    if (e.kind() != dev.memos.error.ErrorKind.INTEGRITY) {
                        throw e;
                    }
                    throw dev.memos.error.MemosException.integrity("the memory rings of " + staged.id() + " in the export do not verify ("
                            + e.getMessage() + "): import refused, nothing was imported");
                }
                RingPortable.generations(home, staged).filter(g -> g.older() && !staged.allowOlder()).ifPresent(g -> {
                    throw dev.memos.error.MemosException.integrity("the export of " + staged.id() + " is older than this home's copy"
                            + " (memory rings generation " + g.imported() + ", this home has reached " + g.local()
                            + "): import refused, nothing changed; use the newest export, or add --allow-older to go back to it");
                });
            }

            @Override
            public void committed(Staged staged) {
                RingPortable.generations(home, staged).filter(RingPortable.Generations::older).ifPresent(g -> {
                    RingPortable.resetCounter(home, staged, g.imported());
                    ctx.audit(dev.memos.audit.AuditEvents.ANOMALY, staged.id().toString(), java.util.Map.of(
                            "kind", "rollback-counter-reset", "reason", "id import --allow-older",
                            "from", String.valueOf(g.local()), "to", String.valueOf(g.imported())));
                });
            }
        };
    }

    /** The identity's audit log: checkpoints verified with the imported key, then re-MAC'd for this device. */
    static ImportCheck auditImportCheck() {
        return staged -> {
            String id = staged.id().toString();
            try (SecretBytes mac = staged.deviceKey(AuditKeys.AUDIT_LABEL)) {
                AuditImport.rekey(staged.directory().resolve("audit"), id, staged.algorithm(), staged.publicKey(), mac);
            }
        };
    }
}
