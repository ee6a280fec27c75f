package dev.memos.shell;

import dev.memos.config.Config;
import dev.memos.config.ConfigKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.error.MemosException;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.ring.ExternalSummarizer;
import dev.memos.ring.FileRollbackCounter;
import dev.memos.ring.RingEventLog;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingLimits;
import dev.memos.ring.RingStore;
import dev.memos.ring.SummaryService;
import java.time.Duration;

/**
 * Opens the memory rings of the session's unlocked identity with everything the store needs from the
 * shell: keys from the identity, limits and summariser from the config, the clock, the rollback
 * counter ({@code $MEMOS_HOME/counters/rings-<ID>.ctr}) and the event log.
 */
public final class RingSessions {
    private RingSessions() {
    }

    /** Reads a JSON document given on the command line (a proof, a checkpoint, a fork proof): 1 MiB at most. */
    public static com.fasterxml.jackson.databind.JsonNode readJson(java.nio.file.Path file, String what) {
        try {
            if (java.nio.file.Files.size(file) > 1 << 20) {
                throw MemosException.usage(file + " is too large to be a " + what);
            }
            return dev.memos.encoding.Json.mapper().readTree(java.nio.file.Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw MemosException.usage("no such file: " + file);
        } catch (java.io.IOException e) {
            throw MemosException.usage(file + " is not a valid " + what + " (not JSON): " + e.getClass().getSimpleName());
        }
    }

    /** Writes a JSON document for another party, atomically, pretty-printed (signatures cover canonical forms). */
    public static void writeJson(java.nio.file.Path file, com.fasterxml.jackson.databind.JsonNode node) {
        try {
            dev.memos.store.AtomicFile.write(file, dev.memos.encoding.Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(node));
        } catch (java.io.IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A checkpoint file holds a signed head, or a proof whose head is taken. */
    public static dev.memos.ring.SignedHead readCheckpoint(java.nio.file.Path file) {
        com.fasterxml.jackson.databind.JsonNode n = readJson(file, "checkpoint");
        return dev.memos.ring.SignedHead.fromJson(n.has("head") ? n.get("head") : n).requireValid(file.toString());
    }

    /**
     * For {@code id export}: writes {@code rings/rings-portable.json} of identity {@code id} (no unlock
     * needed: the device keys come from this home) and returns it, or null when the identity has no rings.
     * The caller deletes it once the export file is written. Import side: register
     * {@code RingPortable.importCheck()} with the identity store builder.
     */
    public static java.nio.file.Path writePortable(Context ctx, String id, java.nio.file.Path identityDir) {
        RingStore store = openReadOnly(ctx, id);
        return store == null ? null : dev.memos.ring.RingPortable.writeExport(store);
    }

    /**
     * The rings of identity {@code id} opened read-only with this home's device keys (no unlock needed:
     * {@code id status}, export), or null when the identity has no memory yet.
     */
    public static RingStore openReadOnly(Context ctx, String id) {
        java.nio.file.Path dir = ringsDir(ctx, id);
        if (!java.nio.file.Files.exists(dir.resolve(RingStore.FILE))) {
            return null;
        }
        return builder(ctx, id, deviceKeys(ctx, id), ctx.config()).open();
    }

    /** The rings of identity {@code id}, writable with {@code signer} (the REVOKED step while its key is still open). */
    public static RingStore openFor(Context ctx, String id, dev.memos.crypto.Signer signer) {
        return builder(ctx, id, deviceKeys(ctx, id), ctx.config()).signer(signer).open();
    }

    private static java.nio.file.Path ringsDir(Context ctx, String id) {
        return ctx.home().resolve("identities").resolve(id).resolve("rings");
    }

    private static RingKeys deviceKeys(Context ctx, String id) {
        return RingKeys.derive(dev.memos.crypto.DeviceKey.loadOrCreate(ctx.home().ensure().root()), id);
    }

    /** Records a promotion that moved entries ({@code promotion} event: counts, chain step, summarisers); returns warnings. */
    public static java.util.List<String> auditPromotion(Context ctx, RingStore.PromotionResult p) {
        if (!p.moved()) {
            return java.util.List.of();
        }
        java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("chain_step", String.valueOf(p.step()));
        d.put("from_ring0", String.valueOf(p.fromRing0()));
        d.put("from_ring1", String.valueOf(p.fromRing1()));
        d.put("from_ring2", String.valueOf(p.fromRing2()));
        d.put("summarizers", String.join(",", p.summarizers()));
        d.put("fallback", String.valueOf(p.fallback()));
        return ctx.audit(dev.memos.audit.AuditEvents.PROMOTION, d);
    }

    /**
     * The newest {@code promotion} event of identity {@code id} in its own log and the home log (how
     * {@code mem promote} says when the last promotion ran and what it moved); empty if none.
     */
    public static java.util.Optional<dev.memos.audit.AuditEntry> lastPromotion(Context ctx, String id) {
        dev.memos.audit.AuditQuery q = dev.memos.audit.AuditQuery.all().withEvent(dev.memos.audit.AuditEvents.PROMOTION).withIdentity(id);
        java.util.List<dev.memos.audit.AuditEntry> found = new java.util.ArrayList<>();
        for (java.nio.file.Path dir : java.util.List.of(dev.memos.audit.AuditLogs.identityDirectory(ctx.home(), id),
                dev.memos.audit.AuditLogs.homeDirectory(ctx.home()))) {
            try {
                found.addAll(dev.memos.audit.AuditReader.query(dir, q));
            } catch (RuntimeException e) {
                // a damaged log is audit verify's finding; the other log may still answer
            }
        }
        return found.stream().max(java.util.Comparator.comparingLong(dev.memos.audit.AuditEntry::timeMillis));
    }

    /** The session's identity, else the only active one when it unlocks without a prompt ({@link IdentityResolver}). */
    public static UnlockedIdentity identity(Context ctx) {
        return IdentityResolver.require(ctx);
    }

    /** The last store opened, reused while nothing could have changed it (pipe mode runs many commands). */
    private record Cached(UnlockedIdentity identity, String settings, RingStore store) {
    }

    private static Cached cached;

    /**
     * The store of the unlocked identity; writable only while the identity is active. Reuses the store
     * of the previous command of this process when the identity, its state and the settings are the
     * same and the file is exactly as this store last read or wrote it, so a pipe of many
     * {@code mem add} does not re-verify the whole file each time; any change from outside means a
     * fresh, fully verified load.
     */
    public static synchronized RingStore open(Context ctx) {
        UnlockedIdentity idn = identity(ctx);
        Config c = ctx.config();
        String settings = idn.state().id() + "|" + java.util.Arrays.stream(ConfigKey.values())
                .filter(k -> k.key().startsWith("rings.") || k.key().startsWith("summarizer.") || k == ConfigKey.PROCESS_ENV_ALLOW)
                .map(c::get).collect(java.util.stream.Collectors.joining("|"));
        Cached hit = cached;
        if (hit != null && hit.identity == idn && !idn.isClosed() && hit.settings.equals(settings) && hit.store.fileUnchanged()) {
            return hit.store;
        }
        RingStore store = load(ctx, idn, c);
        cached = new Cached(idn, settings, store);
        // Opening runs what is due; that promotion is recorded like any other (the command may report it).
        auditPromotion(ctx, store.promotionAtOpen());
        return store;
    }

    private static RingStore load(Context ctx, UnlockedIdentity idn, Config c) {
        String id = idn.id().toString();
        RingKeys keys;
        try (SecretBytes mac = idn.deviceKey(RingKeys.MAC_LABEL); SecretBytes enc = idn.deviceKey(RingKeys.ENC_LABEL)) {
            keys = RingKeys.of(mac, enc);
        }
        return builder(ctx, id, keys, c)
                .signer(idn.state().usable() ? idn.signer() : null)
                .readOnlyReason(id + " is " + idn.state().id() + " (only an active identity writes memory; 'id resume' if suspended)")
                .open();
    }

    /** Everything but the signer: limits and summariser from the config, clock, counter, events (file + audit). */
    private static RingStore.Builder builder(Context ctx, String id, RingKeys keys, Config c) {
        RingLimits limits = RingLimits.defaults()
                .withBudget(c.getInt(ConfigKey.RINGS_BUDGET))
                .withCaps(c.getInt(ConfigKey.RINGS_RING0_BYTES), c.getInt(ConfigKey.RINGS_RING1_ENTRIES),
                        c.getInt(ConfigKey.RINGS_RING2_ENTRIES))
                .withRates(c.getInt(ConfigKey.RINGS_PER_MINUTE), c.getInt(ConfigKey.RINGS_PER_DAY));
        String command = c.get(ConfigKey.SUMMARIZER_COMMAND);
        SummaryService summaries = command.isBlank() ? SummaryService.builtin()
                : new SummaryService(new ExternalSummarizer(command, Duration.ofSeconds(c.getInt(ConfigKey.SUMMARIZER_TIMEOUT)),
                        ConfigKey.envAllowList(c.get(ConfigKey.PROCESS_ENV_ALLOW))));
        java.nio.file.Path dir = ringsDir(ctx, id);
        RingEventLog file = new RingEventLog(dir.resolve("events.jsonl"), ctx.clock());
        RingAudit audit = new RingAudit(ctx, id);
        return RingStore.builder()
                .dir(dir)
                .id(id)
                .keys(keys)
                .writer(id)
                .clock(ctx.clock())
                .limits(limits)
                .summaries(summaries)
                .counter(new FileRollbackCounter(FileRollbackCounter.defaultPath(ctx.home().root(), id), id, keys))
                .events((type, fields) -> {
                    file.record(type, fields);
                    audit.record(type, fields);
                });
    }
}
