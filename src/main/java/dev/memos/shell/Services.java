package dev.memos.shell;

import dev.memos.app.audit.AuditService;
import dev.memos.app.audit.CheckpointAnchors;
import dev.memos.app.identity.IdentityService;
import dev.memos.app.memory.CloneCheck;
import dev.memos.app.memory.MemoryService;
import dev.memos.app.network.NetworkService;
import dev.memos.arweave.Network;
import dev.memos.arweave.Retry;
import dev.memos.config.ConfigKey;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import java.time.Duration;

/**
 * The wiring of the use-case services for one command line: each is built with what it needs from
 * the context (home, config, profile, session, clock, progress), so the service never sees the
 * context and a command only parses, calls one service and renders.
 */
public final class Services {
    private final Context ctx;

    private Services(Context ctx) {
        this.ctx = ctx;
    }

    public static Services of(Context ctx) {
        return new Services(ctx);
    }

    /** The profile's network with the configured timeout, reporting to the command's progress display. */
    public Network network() {
        return new Network(ctx.profile(), Retry.DEFAULT, Duration.ofSeconds(ctx.config().getInt(ConfigKey.NETWORK_TIMEOUT)),
                ctx.progress());
    }

    /** The identity services over {@code store} (the caller's, which collects its warnings). */
    public IdentityService identities(IdentityStore store) {
        return IdentityService.builder()
                .store(store)
                .readOnlyRings(id -> RingSessions.openReadOnly(ctx, id.toString()))
                .unlocked(() -> ctx.session().activeIdentityId().map(MociId::parse))
                .clock(ctx.clock())
                .build();
    }

    /** The key-holding use cases (passphrase change, key rotation) over {@code store}, with the command's secrets. */
    public dev.memos.app.identity.IdentityKeyService identityKeys(IdentityStore store, dev.memos.identity.SecretSource secrets) {
        return dev.memos.app.identity.IdentityKeyService.builder().store(store).secrets(secrets).build();
    }

    /** The memory services over the session's unlocked identity, auditing each write in its log. */
    public MemoryService memories() {
        return MemoryService.builder()
                .rings(() -> RingSessions.open(ctx))
                .audit(ctx::audit)
                .promotionAudit(p -> RingSessions.auditPromotion(ctx, p))
                // a write only checks: uploading the head inside a memory write stalled parallel MCP calls
                // (backup, unlock and id watch publish it)
                .cloneCheck(CloneCheck.of(id -> dev.memos.shell.cmd.HeadWatchSupport.watch(ctx, id), () -> false))
                .build();
    }

    /** {@code status}: the profile's network asked once (no retries: an unreachable node is an answer). */
    public NetworkService networkStatus() {
        return NetworkService.builder().home(ctx.home()).profile(ctx.profile()).network(new Network(ctx.profile(), Retry.NONE))
                .devnetWallet(ctx.home().devnetWalletFile()).build();
    }

    public AuditService audits() {
        return AuditService.builder()
                .home(ctx.home())
                .identityKeys(logId -> IdentityStores.auditKey(ctx, logId))
                .anchor(() -> CheckpointAnchors.forReading(ctx.config(), this::network))
                .build();
    }
}
