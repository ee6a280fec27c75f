package dev.memos.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.ring.ForkGuard;
import dev.memos.ring.PublishedHeads;
import dev.memos.ring.RingStore;
import dev.memos.ring.RingVerifier;
import dev.memos.ring.SignedHead;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Automatic clone detection (issue 16 §2, FORMAT.md §13.5): publishes the identity's signed chain head
 * and compares the heads published for its key with this copy's chain. A head that this chain does not
 * extend and that does not extend it is a fork: {@link ForkGuard} stores the proof and quarantines.
 * Publishing and checking are each bounded to once per {@code interval} unless the request is
 * explicit ({@code id watch}), so a busy agent does not upload or query on every write.
 */
public final class HeadWatch {
    /** The heads of the newest {@value} items are compared; older ones were compared by earlier checks. */
    static final int MAX_CANDIDATES = 200;
    /** Items already known to be extended by this chain are not downloaded again. */
    static final int MAX_REMEMBERED = 256;
    static final String STATE_FORMAT = "memos-head-watch-v1";

    /** Where heads go and come from (an Arweave uploader and gateway in the CLI, a map in tests). */
    public interface Channel {
        /** Uploads one item; returns its id. */
        String upload(byte[] data, Map<String, String> tags);

        /** Items carrying all {@code tags}, as the index lists them (only candidates). */
        List<Candidate> list(Map<String, String> tags);

        /** At most {@code maxBytes + 1} bytes of an item, empty if the gateway does not serve it. */
        Optional<byte[]> fetch(String txId, int maxBytes);
    }

    /** An item as the index names it; {@code height} is null while pending. */
    public record Candidate(String txId, Long height) {
    }

    /**
     * What to do: {@code explicit} ignores the hourly bounds; {@code mayPublish} is false when no
     * uploader key is available without a prompt (a head is only uploaded when it changed anyway).
     */
    public record Request(RingStore store, boolean explicit, boolean mayPublish) {
    }

    /** {@code standing}: ok, fork, peer-ahead, not-checked. */
    public record Result(String id, long step, boolean published, String publishedTx, boolean checked, int headsCompared,
                         int headsSkipped, String standing, String forkTx, String forkProof) {
        public boolean fork() {
            return "fork".equals(standing);
        }
    }

    private final Channel channel;
    private final Clock clock;
    private final Path stateFile;
    private final Duration interval;

    private HeadWatch(Builder b) {
        this.channel = Objects.requireNonNull(b.channel, "channel");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.stateFile = Objects.requireNonNull(b.stateFile, "stateFile");
        this.interval = b.interval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether this identity watches on this profile: its first backup or {@code id watch} created the state file. */
    public boolean watching() {
        return Files.exists(stateFile);
    }

    /** The exit-10 error for a fork a watch found (FORMAT.md §13.5). */
    public static MemosException forkError(Result r) {
        return new MemosException(dev.memos.error.ErrorKind.FORK_DETECTED, r.id() + " is cloned: a chain head published as " + r.forkTx()
                + " is validly signed by its key but diverges from this copy's chain; the identity is quarantined and the fork proof is in "
                + r.forkProof() + " (anyone checks it with 'memos id check-fork " + r.forkProof() + "'; resolve with 'memos id resolve-fork')");
    }

    public Result run(Request req) {
        RingStore store = req.store();
        SignedHead head = store.head();
        State st = State.read(stateFile);
        long now = clock.instant().getEpochSecond();
        boolean due = req.explicit() || now - st.lastPublish >= interval.toSeconds();
        String digest = Hex.encode(Hash.sha256(head.canonical()));
        String tx = null;
        if (req.mayPublish() && !digest.equals(st.publishedDigest) && due && !store.quarantined()) {
            tx = channel.upload(head.canonical(), PublishedHeads.tags(head.algorithm(), head.publicKey()));
            st = st.published(now, digest, tx);
            st.write(stateFile);
        }
        if (!req.explicit() && now - st.lastCheck < interval.toSeconds()) {
            return new Result(head.id(), head.step(), tx != null, tx, false, 0, 0, "not-checked", null, null);
        }
        return check(store, head, st, now, tx);
    }

    private Result check(RingStore store, SignedHead head, State st, long now, String tx) {
        long resolvedAt = PublishedHeads.resolvedAt(store);
        List<Candidate> all = new ArrayList<>(channel.list(PublishedHeads.tags(head.algorithm(), head.publicKey())));
        // newest first: pending items, then by height descending
        all.sort(Comparator.comparing((Candidate c) -> c.height() == null ? Long.MAX_VALUE : c.height()).reversed());
        Set<String> extended = new LinkedHashSet<>(st.extended);
        int compared = 0;
        int skipped = 0;
        String standing = "ok";
        String forkTx = null;
        for (Candidate c : all.subList(0, Math.min(all.size(), MAX_CANDIDATES))) {
            if (extended.contains(c.txId()) || c.txId().equals(tx)) {
                continue;
            }
            Optional<SignedHead> h = channel.fetch(c.txId(), PublishedHeads.MAX_BYTES)
                    .flatMap(b -> PublishedHeads.parse(b, head.id(), head.algorithm(), head.publicKey()));
            if (h.isEmpty() || h.get().stepTime() <= resolvedAt) {
                skipped++; // a forgery, another identity's item under our tag, or a fork already resolved
                continue;
            }
            compared++;
            RingVerifier.Standing s = ForkGuard.check(store, h.get());
            if (s == RingVerifier.Standing.FORK) {
                standing = "fork";
                forkTx = c.txId();
                break;
            }
            if (s == RingVerifier.Standing.EXTENDS || s == RingVerifier.Standing.EXTENDS_BY_MONTH) {
                extended.add(c.txId());
            } else if (s == RingVerifier.Standing.BEHIND) {
                standing = "peer-ahead";
            }
        }
        State next = State.read(stateFile).checked(now, extended);
        next.write(stateFile);
        String proof = standing.equals("fork") ? store.file().resolveSibling(RingStore.FORK_PROOF).toString() : null;
        return new Result(head.id(), head.step(), tx != null, tx, true, compared, skipped, standing, forkTx, proof);
    }

    /** The watch state of one identity and profile: when it last published and checked, and what. */
    record State(long lastPublish, long lastCheck, String publishedDigest, String publishedTx, List<String> extended) {
        static State read(Path file) {
            try {
                if (!Files.exists(file)) {
                    return new State(0, 0, null, null, List.of());
                }
                JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
                List<String> ext = new ArrayList<>();
                n.path("extended").forEach(e -> ext.add(e.asText()));
                return new State(n.path("lastPublish").asLong(), n.path("lastCheck").asLong(), n.path("publishedDigest").textValue(),
                        n.path("publishedTx").textValue(), ext);
            } catch (IOException | RuntimeException e) {
                // a cache of timestamps only: a damaged one means "publish and check now", which is safe
                return new State(0, 0, null, null, List.of());
            }
        }

        State published(long now, String digest, String tx) {
            return new State(now, lastCheck, digest, tx, extended);
        }

        State checked(long now, Set<String> ext) {
            List<String> keep = new ArrayList<>(ext);
            return new State(lastPublish, now, publishedDigest, publishedTx,
                    keep.subList(Math.max(0, keep.size() - MAX_REMEMBERED), keep.size()));
        }

        void write(Path file) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("format", STATE_FORMAT);
            n.put("lastPublish", lastPublish);
            n.put("lastCheck", lastCheck);
            n.put("publishedDigest", publishedDigest);
            n.put("publishedTx", publishedTx);
            ArrayNode a = n.putArray("extended");
            extended.forEach(a::add);
            try {
                AtomicFile.write(file, CanonicalJson.bytes(n));
            } catch (IOException e) {
                throw MemosException.failure("cannot record the head watch in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public static final class Builder {
        private Channel channel;
        private Clock clock = Clock.systemUTC();
        private Path stateFile;
        private Duration interval = Duration.ofHours(1);

        public Builder channel(Channel v) { this.channel = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder stateFile(Path v) { this.stateFile = v; return this; }
        public Builder interval(Duration v) { this.interval = v; return this; }

        public HeadWatch build() {
            return new HeadWatch(this);
        }
    }
}
