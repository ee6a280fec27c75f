package dev.memos.ring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.store.HomeLock;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The memory rings of one identity ({@code <dir>/rings.bin}). Every write replaces the file
 * atomically, then raises the rollback counter; a failed operation reloads the last good file, so
 * nothing is half-applied. Open without a signer for reading; writing needs the identity's signer
 * (the write-gate) and the owner's writer name (agent isolation).
 *
 * <p>Other processes may write the same rings at any time (parallel tool calls, a REPL, a cron
 * backup). Every load and every read-modify-write therefore runs under {@code <dir>/.lock} and
 * first re-reads the file when another process replaced it since this store last saw it: the
 * counter check and the write happen under the same lock, so a generation raised by another
 * process is a reload, never a rollback alarm, and no write is made from a stale copy.
 */
public final class RingStore {
    public static final String FILE = "rings.bin";
    public static final String FORK_PROOF = "fork-proof.json";
    /** Lock file of the rings folder, held by every load and read-modify-write. */
    public static final String LOCK = ".lock";

    final Path dir;
    final String id;
    final Signer signer;
    final RingKeys keys;
    final String writer;
    final Clock clock;
    final SummaryService summaries;
    final RingLimits limits;
    final RollbackCounter counter;
    final RingEvents events;
    private final InjectionFilter filter;
    private final String readOnlyReason;
    private String fileStamp = "";
    /** What the promotion run by {@link Builder#open()} moved, so the command that opened can report it. */
    private PromotionResult promotionAtOpen = PromotionResult.none();
    StoreState state;

    private RingStore(Builder b) {
        this.dir = Objects.requireNonNull(b.dir, "dir");
        this.id = Objects.requireNonNull(b.id, "id");
        this.signer = b.signer;
        this.keys = Objects.requireNonNull(b.keys, "keys");
        this.writer = b.writer == null ? b.id : b.writer;
        this.clock = b.clock;
        this.summaries = b.summaries;
        this.limits = b.limits;
        this.counter = b.counter == null ? RollbackCounter.inMemory() : b.counter;
        this.events = b.events;
        this.filter = new InjectionFilter(limits.oversizeBytes());
        this.readOnlyReason = b.readOnlyReason;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Runs {@code op} holding the rings lock, after re-reading the file if anyone replaced it since
     * this store last read or wrote it. A read-only store whose folder does not exist yet has nothing
     * to lock: its load fails with "no memory yet" or the rollback alarm either way.
     */
    <T> T locked(java.util.function.Supplier<T> op) {
        if (signer != null) {
            try {
                PrivateFiles.ensureDirectory(dir);
            } catch (IOException e) {
                throw ioFailure("create " + dir, e);
            }
        } else if (!Files.isDirectory(dir)) {
            if (state == null) {
                load();
            }
            return op.get();
        }
        try (HomeLock ignored = HomeLock.reentrant(dir.resolve(LOCK))) {
            if (!fileUnchanged()) {
                state = null;
                load();
            }
            return op.get();
        }
    }

    private void load() {
        Optional<byte[]> read = RingFiles.mirror(dir, id, keys).read();
        if (read.isEmpty()) {
            long seen = counter.current();
            if (seen >= 0) {
                event("rollback-detected", Map.of("reason", "rings file missing", "counter", seen));
                throw MemosException.integrity("the memory rings of " + id + " are missing but generation " + seen
                        + " was written before: restore " + dir + " from a backup (rollback or deletion)");
            }
            if (signer == null) {
                throw MemosException.auth("no memory yet for " + id + ": unlock the identity to create it");
            }
            create();
            return;
        }
        byte[] bytes = read.get();
        fileStamp = RingFiles.stamp(file());
        StoreState s = StoreState.decode(bytes, id, keys);
        if (signer != null) {
            RingFiles.removeStaleTemporaries(dir);
        }
        if (signer != null && !Arrays.equals(signer.publicKey(), s.publicKey)) {
            event("write-refused", Map.of("reason", "key mismatch"));
            throw MemosException.auth("this memory belongs to another key than the unlocked identity's: refusing to use it");
        }
        RingVerifier.checkStored(s);
        long seen = counter.current();
        if (s.generation < seen) {
            event("rollback-detected", Map.of("generation", s.generation, "counter", seen));
            throw MemosException.integrity("rollback detected: the rings of " + id + " are generation " + s.generation
                    + " but generation " + seen + " was written before; restore the latest copy (an older one was put back)");
        }
        state = s;
        if (seen < 0 && s.generation > 0 && !s.imported) {
            event("counter-missing", Map.of("generation", s.generation));
            state.anomalies++;
            state.chain.pendingFlags |= ChainFlags.ANOMALY;
        }
        if (s.generation > seen) {
            counter.advanceTo(s.generation);
        }
        // From now on this device's counter exists, so a later deletion of it counts as an anomaly again.
        s.imported = false;
    }

    private void create() {
        long now = now();
        StoreState s = new StoreState();
        s.id = id;
        s.owner = writer;
        s.algorithm = signer.algorithm();
        s.publicKey = signer.publicKey();
        s.created = now;
        s.lastTime = now;
        s.summarizer = summaries.primaryId();
        s.chain = Chain.genesis(id, s.publicKey, now);
        s.head = SignedHead.sign(s.chain, signer, s.summarizer, false, now);
        s.generation = -1;
        state = s;
        commit();
        event("rings-created", Map.of());
    }

    /** Writes the state (generation + 1), then the counter; on failure the last good file is reloaded. */
    void commit() {
        state.generation++;
        byte[] bytes = state.encode(keys);
        try {
            PrivateFiles.ensureDirectory(dir);
            RingFiles.mirror(dir, id, keys).write(bytes);
            fileStamp = RingFiles.stamp(file());
        } catch (IOException e) {
            reload();
            throw ioFailure("write " + file(), e);
        }
        try {
            counter.advanceTo(state.generation);
        } catch (MemosException e) {
            // The entry is safely stored; the counter catches up on the next load (store ahead of counter is fine).
            event("counter-write-failed", Map.of("generation", state.generation));
        }
    }

    void reload() {
        state = null;
        try {
            load();
        } catch (MemosException e) {
            // nothing on disk yet (first write failed): the next call starts over
        }
    }

    /** Whether the file is exactly as this store last read or wrote it (so its verified state is current). */
    public boolean fileUnchanged() {
        return state != null && !fileStamp.isEmpty() && fileStamp.equals(RingFiles.stamp(file()));
    }

    static MemosException ioFailure(String what, IOException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.contains("No space left") || msg.contains("Disk quota")) {
            return new MemosException(ErrorKind.FAILURE, "disk full: cannot " + what
                    + "; writes are paused and nothing was lost, free some space and retry", e);
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : msg;
        return MemosException.failure("cannot " + what + " (" + reason + "): check the folder and retry", e);
    }

    void event(String type, Map<String, Object> fields) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(fields);
        all.put("id", id);
        events.record(type, all);
    }

    /** The write-gate: only the unlocked owner, not quarantined. */
    void requireWritable(boolean allowQuarantined) {
        if (signer == null) {
            event("write-refused", Map.of("reason", "locked"));
            throw MemosException.auth("memory of " + id + " is read-only here: " + readOnlyReason);
        }
        if (!writer.equals(state.owner)) {
            event("write-refused", Map.of("reason", "agent isolation", "writer", writer));
            throw MemosException.auth("'" + writer + "' may not write the memory of " + state.owner + " (agent isolation)");
        }
        if (state.quarantine != null && !allowQuarantined) {
            event("write-refused", Map.of("reason", "quarantined"));
            throw MemosException.auth(id + " is quarantined after a fork was detected: writes stop until an operator "
                    + "resolves it (see " + dir.resolve(FORK_PROOF) + ")");
        }
    }

    /** Adds a memory to ring 0 and runs whatever promotion is due. */
    public AddResult add(String text, String kind) {
        return locked(() -> Writes.add(this, filter, text, kind == null ? "note" : kind.toLowerCase(Locale.ROOT)));
    }

    /**
     * The promotion that opening this store ran, once: later calls (a store reused by the next command
     * of a pipe) get "nothing moved", so it is reported by one command only.
     */
    public synchronized PromotionResult takePromotionAtOpen() {
        PromotionResult p = promotionAtOpen;
        promotionAtOpen = PromotionResult.none();
        return p;
    }

    /** The same without consuming it (for the audit record written when the store is loaded). */
    public synchronized PromotionResult promotionAtOpen() {
        return promotionAtOpen;
    }

    /** Runs due promotions; idempotent (a second run finds nothing due and writes nothing). */
    public PromotionResult promote() {
        return locked(() -> Writes.promote(this));
    }

    /** Accepts an entry sealed elsewhere on this device; refuses one already written (anti-replay). */
    public AddResult accept(SealedEntry sealed) {
        return locked(() -> Writes.accept(this, filter, sealed));
    }

    /** Seals a new entry for {@link #accept} without storing it (an agent process handing memory over). */
    public SealedEntry seal(String text, String kind) {
        return locked(() -> {
            requireWritable(false);
            Entry e = new Entry(state.seq + 1, 0, kind, writer, Math.max(now(), state.lastTime), text, List.of(), "", 1);
            return SealedEntry.seal(e, id, keys);
        });
    }

    public List<Entry> show(OptionalInt ring) {
        List<Entry> out = new ArrayList<>();
        for (SealedEntry e : state.entries) {
            if (ring.isEmpty() || ring.getAsInt() == e.ring()) {
                out.add(state.open(e, keys));
            }
        }
        out.sort(Comparator.comparingInt(Entry::ring).thenComparingLong(Entry::time).thenComparingLong(Entry::seq));
        return out;
    }

    public List<Entry> search(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return show(OptionalInt.empty()).stream().filter(e -> e.text().toLowerCase(Locale.ROOT).contains(q)).toList();
    }

    public SignedHead head() {
        return state.head;
    }

    public boolean quarantined() {
        return state.quarantine != null;
    }

    /**
     * Whether the identity whose rings live in {@code ringsDir} is quarantined, without keys: the fork
     * proof file exists exactly while it is. The token issuer (issue 8) refuses tokens when true.
     */
    public static boolean quarantinedAt(Path ringsDir) {
        return Files.exists(ringsDir.resolve(FORK_PROOF));
    }

    public Status status() {
        int[] counts = new int[3];
        state.entries.forEach(e -> counts[e.ring()]++);
        return new Status(id, state.owner, counts[0], state.ring0Bytes(), counts[1], counts[2], state.chain.archive.months(),
                state.head.step(), state.encode(keys).length, limits.totalBudget(), state.generation, state.adds,
                state.summarizer, state.anomalies, quarantined());
    }

    public TrustScore trust() {
        return TrustScore.of(state.chain, quarantined(), now());
    }

    /** Sealed bytes of one stored entry (for tests of tamper and replay). */
    public SealedEntry sealedEntry(long seq) {
        return state.entries.stream().filter(e -> e.seq() == seq).findFirst()
                .orElseThrow(() -> MemosException.usage("no entry #" + seq + " in the rings"));
    }

    Chain chain() {
        return state.chain;
    }

    ObjectNode quarantineNode(String reason) {
        return Json.mapper().createObjectNode().put("since", now()).put("reason", reason);
    }

    /** Ring store summary for {@code mem show} and status output. */
    public record Status(String id, String owner, int ring0Entries, int ring0Bytes, int ring1Entries, int ring2Entries,
                         int ring3Months, long chainSteps, int fileBytes, int budget, long generation, long adds,
                         String summarizer, int anomalies, boolean quarantined) {
    }

    /** What {@code add} did. */
    public record AddResult(long seq, List<String> flags, PromotionResult promotion) {
    }

    /** What a promotion did ({@code step} is -1 when nothing moved). */
    public record PromotionResult(int fromRing0, int fromRing1, int fromRing2, int created, long step,
                                  List<String> summarizers, boolean fallback, String fallbackReason) {
        public boolean moved() {
            return step >= 0;
        }

        static PromotionResult none() {
            return new PromotionResult(0, 0, 0, 0, -1, List.of(), false, null);
        }
    }

    /** Dependencies of a store; all but dir, id and keys have defaults. */
    public static final class Builder {
        private Path dir;
        private String id;
        private Signer signer;
        private RingKeys keys;
        private String writer;
        private Clock clock = Clock.systemUTC();
        private SummaryService summaries = SummaryService.builtin();
        private RingLimits limits = RingLimits.defaults();
        private RollbackCounter counter;
        private RingEvents events = RingEvents.NONE;
        private String readOnlyReason = "unlock the identity to write";

        public Builder dir(Path v) { this.dir = v; return this; }
        public Builder id(String v) { this.id = v; return this; }
        /** The identity key; null opens read-only. */
        public Builder signer(Signer v) { this.signer = v; return this; }
        public Builder keys(RingKeys v) { this.keys = v; return this; }
        public Builder writer(String v) { this.writer = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder summaries(SummaryService v) { this.summaries = v; return this; }
        public Builder limits(RingLimits v) { this.limits = v; return this; }
        public Builder counter(RollbackCounter v) { this.counter = v; return this; }
        public Builder events(RingEvents v) { this.events = v; return this; }
        /** What a refused write tells the user when the store is read-only (no signer). */
        public Builder readOnlyReason(String v) { this.readOnlyReason = v; return this; }

        /** Loads (verifying MACs, chain, head and rollback counter) or creates the store; runs due promotions when writable. */
        public RingStore open() {
            RingStore s = new RingStore(this);
            return s.locked(() -> {
                if (s.signer != null && s.state.quarantine == null && s.writer.equals(s.state.owner)) {
                    s.promotionAtOpen = s.promote();
                }
                return s;
            });
        }
    }
}
