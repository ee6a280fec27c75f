package dev.memos.shell.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.arweave.InceptionFinder;
import dev.memos.audit.AuditEvents;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.InceptionRecord;
import dev.memos.identity.InceptionRecords;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.shell.Context;
import dev.memos.shell.IdentityResolver;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing an identity's inception record (FORMAT.md §13.2): signed by the identity key, uploaded as
 * a small data item through the profile's default path (signed by the ETH key like audit anchors), and
 * remembered per identity and profile in {@code identities/<ID>/inception-<profile>.json} so a backup
 * publishes it once.
 */
final class InceptionSupport {
    private InceptionSupport() {
    }

    /** What {@code id publish} and a backup report. */
    record Published(String id, String txId, boolean now, byte[] publicKey, Optional<InceptionRecords.Found> earliest) {
    }

    static Path marker(UnlockedIdentity u, Context ctx) {
        return u.directory().resolve("inception-" + ctx.profile().name() + ".json");
    }

    /** The tx id this home published {@code u}'s record as on this profile, if it did. */
    static Optional<String> publishedTx(UnlockedIdentity u, Context ctx) {
        Path m = marker(u, ctx);
        if (!Files.exists(m)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(m));
            return Optional.ofNullable(n.path("txId").textValue());
        } catch (IOException e) {
            return Optional.empty(); // unreadable marker: publishing again is harmless (the earliest record wins)
        }
    }

    /** Publishes the record of {@code u} unless this home already did on this profile. */
    static Published publish(Context ctx, UnlockedIdentity u, boolean again) {
        Optional<String> done = publishedTx(u, ctx);
        String tx;
        boolean now = again || done.isEmpty();
        if (now) {
            InceptionRecord r = InceptionRecord.sign(u.id(), u.signer(), ctx.clock().instant().getEpochSecond());
            tx = ArweaveSupport.checkpointUploader(ctx).upload(r.toBytes(), InceptionRecord.tags(u.id().toString()));
            ObjectNode m = Json.mapper().createObjectNode();
            m.put("format", "memos-inception-published-v1");
            m.put("profile", ctx.profile().name());
            m.set("record", readTree(r.toBytes()));
            m.put("txId", tx);
            try {
                AtomicFile.write(marker(u, ctx), CanonicalJson.bytes(m));
            } catch (IOException e) {
                throw MemosException.failure("published " + tx + " but cannot record it in " + marker(u, ctx) + ": " + e.getMessage(), e);
            }
            Map<String, String> audit = new LinkedHashMap<>();
            audit.put("kind", "identity-inception");
            audit.put("id", u.id().toString());
            audit.put("tx_id", tx);
            audit.put("profile", ctx.profile().name());
            ctx.audit(AuditEvents.UPLOAD, audit);
        } else {
            tx = done.get();
        }
        Optional<InceptionRecords.Found> earliest = InceptionRecords.earliest(u.id().toString(),
                InceptionFinder.of(ArweaveSupport.network(ctx)));
        return new Published(u.id().toString(), tx, now, u.signer().publicKey(), earliest);
    }

    /**
     * After a backup: publishes the record of the identity this process can use without a prompt (the
     * session's, or the only active one the environment unlocks), once per profile. Failures become warnings: the backup
     * itself succeeded.
     */
    static void afterBackup(Context ctx, List<String> warnings) {
        Optional<UnlockedIdentity> u = usableWithoutPrompt(ctx);
        if (u.isEmpty() || publishedTx(u.get(), ctx).isPresent()) {
            return;
        }
        try {
            Published p = publish(ctx, u.get(), false);
            warnings.add("published the inception record of " + p.id() + " as " + p.txId()
                    + ": verifiers without a pin now find its key on " + ctx.profile().name());
            conflict(p).ifPresent(warnings::add);
        } catch (MemosException e) {
            warnings.add("the inception record of " + u.get().id() + " was not published (" + e.getMessage()
                    + "): run 'memos id publish'");
        }
    }

    /** The session's identity, or the only active one when the environment unlocks it (it becomes the session's). */
    static Optional<UnlockedIdentity> usableWithoutPrompt(Context ctx) {
        Optional<UnlockedIdentity> u = ctx.session().identity();
        if (u.isPresent()) {
            return u;
        }
        try {
            Optional<IdentityInfo> only = IdSupport.store(ctx, new IdSupport.Warnings()).onlyActive();
            return only.flatMap(i -> IdentityResolver.ifAvailable(ctx, i.id().toString()));
        } catch (MemosException e) {
            return Optional.empty();
        }
    }

    /** A warning when the earliest record on the network is not ours (someone published first). */
    static Optional<String> conflict(Published p) {
        return p.earliest().filter(f -> !java.util.Arrays.equals(f.record().publicKey(), p.publicKey()))
                .map(f -> "an earlier inception record of " + p.id() + " (tx " + f.txId() + ") names key "
                        + dev.memos.crypto.KeyFingerprint.of(f.record().publicKey())
                        + ": verifiers that rely on the network will refuse this identity's proofs; give them your key to pin");
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
