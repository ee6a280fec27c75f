package dev.memos.app.backup;

import dev.memos.arweave.ArweaveGateway;
import dev.memos.arweave.Discovery;
import dev.memos.arweave.Downloader;
import dev.memos.arweave.ReadBack;
import dev.memos.arweave.Tag;
import dev.memos.arweave.UploadReceipt;
import dev.memos.arweave.Uploader;
import dev.memos.error.MemosException;
import dev.memos.snapshot.Repository;
import dev.memos.store.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A snapshot repository on Arweave (FORMAT.md §14.11): every pack and every snapshot file is one
 * upload (a data item signed by the ETH key, or an L1 transaction with a wallet) carrying the tags
 * {@link #tags}. Objects are found through GraphQL by owner and tags; what the index says is only a
 * candidate: a whole object read must hash to its id, a Range read is checked by the per-blob AEAD
 * and chunk-id MAC of the pack, and a snapshot is verified by its seal before it is believed.
 * Not thread-safe: one backup or restore uses it.
 */
public final class ArweaveRepository implements Repository {
    public static final String APP_VERSION = "2";
    public static final String OBJECT_TAG = "Memos-Object";
    public static final String ID_TAG = "Object-SHA256";
    /** Finds key handovers (FORMAT.md §14.12): a one-way value of the new key, never an address. */
    public static final String HANDOVER_TAG = "Memos-Handover-To";

    private final Supplier<Uploader> uploader;
    private final ReadBack readBack;
    private final Discovery discovery;
    private final Downloader downloader;
    private final List<ArweaveGateway> gateways;
    private final List<String> owners;
    private final Path workDir;
    private final Clock clock;
    private final String name;
    /** Object id → tx id, per kind; loaded from the index once, then kept current by our own uploads. */
    private final Map<String, Map<String, String>> found = new HashMap<>();
    private final List<UploadReceipt> receipts = new ArrayList<>();
    /**
     * Snapshot files read in this run, by id: `restore --latest` asks for the newest twice (to compare
     * it with the newest bundle, then to restore it), and an object's id fixes its bytes.
     */
    private final Map<String, byte[]> snapshotsRead = new HashMap<>();
    private Uploader made;

    private ArweaveRepository(Builder b) {
        this.uploader = Objects.requireNonNull(b.uploader, "uploader");
        this.readBack = Objects.requireNonNull(b.readBack, "readBack");
        this.discovery = Objects.requireNonNull(b.discovery, "discovery");
        this.downloader = Objects.requireNonNull(b.downloader, "downloader");
        this.gateways = List.copyOf(b.gateways);
        this.owners = new ArrayList<>(b.owners);
        this.workDir = Objects.requireNonNull(b.workDir, "workDir");
        this.clock = b.clock;
        this.name = b.name;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Transport of one profile; the uploader is made only when something is uploaded (a read needs no wallet). */
    public static final class Builder {
        private Supplier<Uploader> uploader;
        private ReadBack readBack;
        private Discovery discovery;
        private Downloader downloader;
        private List<ArweaveGateway> gateways = List.of();
        private List<String> owners = List.of();
        private Path workDir;
        private Clock clock = Clock.systemUTC();
        private String name = "arweave";

        public Builder uploader(Supplier<Uploader> u) {
            uploader = u;
            return this;
        }

        public Builder readBack(ReadBack r) {
            readBack = r;
            return this;
        }

        public Builder discovery(Discovery d) {
            discovery = d;
            return this;
        }

        public Builder downloader(Downloader d) {
            downloader = d;
            return this;
        }

        /** The gateways asked for Range reads, in order. */
        public Builder gateways(List<ArweaveGateway> g) {
            gateways = g;
            return this;
        }

        /** Owner addresses whose uploads are this key's (FORMAT.md §6.7 item 3). */
        public Builder owners(List<String> o) {
            owners = o;
            return this;
        }

        public Builder workDir(Path w) {
            workDir = w;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        /** For messages, e.g. "arweave (local)". */
        public Builder name(String n) {
            name = n;
            return this;
        }

        public ArweaveRepository build() {
            return new ArweaveRepository(this);
        }
    }

    /** The tags of one object (FORMAT.md §14.11): nothing but its kind, its id (a hash of ciphertext) and the time. */
    public static List<Tag> tags(String kind, String id, long unixTime) {
        return List.of(new Tag("App-Name", "MEMOS"), new Tag("App-Version", APP_VERSION),
                new Tag("Content-Type", "application/octet-stream"), new Tag("Unix-Time", Long.toString(unixTime)),
                new Tag(OBJECT_TAG, kind), new Tag(ID_TAG, id));
    }

    /** What every upload of this run cost, in order: the caller reports it. */
    public List<UploadReceipt> receipts() {
        return List.copyOf(receipts);
    }

    private Map<String, String> index(String kind) {
        return index(kind, null);
    }

    /** Object id → tx id of one kind (handovers: only those carrying {@code handoverTag}). */
    private Map<String, String> index(String kind, String handoverTag) {
        return found.computeIfAbsent(handoverTag == null ? kind : kind + ":" + handoverTag, k -> {
            Map<String, String> ids = new LinkedHashMap<>();
            Map<String, String> query = new LinkedHashMap<>();
            query.put("App-Name", "MEMOS");
            query.put("App-Version", APP_VERSION);
            query.put(OBJECT_TAG, kind);
            if (handoverTag != null) {
                query.put(HANDOVER_TAG, handoverTag);
            }
            for (Discovery.Hit h : discovery.find(owners, query)) {
                String id = h.tag(ID_TAG);
                if (id != null && id.matches("[0-9a-f]{64}")) {
                    ids.putIfAbsent(id, h.id());
                }
            }
            return ids;
        });
    }

    private String txOf(String kind, String id, String what) {
        String tx = index(kind).get(id);
        if (tx == null) {
            throw MemosException.network(what + " is missing from " + describe(), null);
        }
        return tx;
    }

    @Override
    public boolean hasPack(String packId) {
        return index("pack").containsKey(packId);
    }

    @Override
    public void putPack(String packId, byte[] bytes) {
        put("pack", packId, bytes);
    }

    private void put(String kind, String id, byte[] bytes) {
        put(kind, id, null, bytes);
    }

    private void put(String kind, String id, String handoverTag, byte[] bytes) {
        Map<String, String> index = index(kind, handoverTag);
        if (index.containsKey(id)) {
            return; // content-addressed: the network has these bytes already
        }
        Path file = workDir.resolve("backup-" + TempFiles.pidTag() + "-" + id);
        Path check = workDir.resolve("readback-" + TempFiles.pidTag() + "-" + id);
        try (TempFiles.Tracked t = TempFiles.track(file); TempFiles.Tracked c = TempFiles.track(check)) {
            Files.write(file, bytes);
            List<Tag> tags = new ArrayList<>(tags(kind, id, clock.instant().getEpochSecond()));
            if (handoverTag != null) {
                tags.add(new Tag(HANDOVER_TAG, handoverTag));
            }
            UploadReceipt r = uploader().upload(file, tags);
            // the id is the SHA-256 of the object: reading back those bytes proves the upload
            readBack.verify(r.id(), check, id);
            receipts.add(r);
            index.put(id, r.id());
        } catch (IOException e) {
            throw MemosException.failure("cannot stage " + kind + " " + id.substring(0, 12) + " in " + workDir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(check);
        }
    }

    /** Made on the first upload only: a devnet wallet is created by it, under the home lock the caller holds. */
    private Uploader uploader() {
        if (made == null) {
            made = uploader.get();
        }
        return made;
    }

    @Override
    public byte[] readPack(String packId) {
        return read("pack", packId, "pack " + packId.substring(0, 12));
    }

    private byte[] read(String kind, String id, String what) {
        return download(txOf(kind, id, what), id, what);
    }

    private byte[] download(String tx, String id, String what) {
        Path file = workDir.resolve("restore-" + TempFiles.pidTag() + "-" + id);
        try (TempFiles.Tracked t = TempFiles.track(file)) {
            downloader.download(tx, file, id, null);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw MemosException.failure("cannot read the download of " + what + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    @Override
    public byte[] readPackRange(String packId, long offset, int length) {
        String tx = txOf("pack", packId, "pack " + packId.substring(0, 12));
        MemosException last = null;
        for (ArweaveGateway g : gateways) {
            try {
                Optional<ArweaveGateway.Ranged> r = g.dataRange(tx, offset, offset + length - 1);
                if (r.isEmpty()) {
                    continue;
                }
                try (InputStream in = r.get().body()) {
                    // a gateway that ignores Range sends the whole pack from 0: skip to the range
                    in.skipNBytes(offset - r.get().offset());
                    byte[] out = in.readNBytes(length);
                    if (out.length != length) {
                        throw MemosException.integrity("pack " + packId.substring(0, 12) + " is shorter than its index says: it is truncated");
                    }
                    return out;
                }
            } catch (java.io.EOFException e) {
                throw MemosException.integrity("pack " + packId.substring(0, 12) + " is shorter than its index says: it is truncated");
            } catch (IOException e) {
                last = MemosException.network("cannot read pack " + packId.substring(0, 12) + " from " + g.base() + ": " + e.getMessage(), e);
            } catch (MemosException e) {
                if (e.kind() != dev.memos.error.ErrorKind.NETWORK) {
                    throw e;
                }
                last = e;
            }
        }
        throw last != null ? last : MemosException.network("pack " + packId.substring(0, 12) + " is missing from " + describe(), null);
    }

    @Override
    public void putSnapshot(String snapshotId, byte[] bytes) {
        put("snapshot", snapshotId, bytes);
    }

    @Override
    public List<String> snapshotIds() {
        return index("snapshot").keySet().stream().sorted().toList();
    }

    @Override
    public byte[] readSnapshot(String snapshotId) {
        byte[] b = snapshotsRead.get(snapshotId);
        if (b == null) {
            b = read("snapshot", snapshotId, "snapshot " + snapshotId.substring(0, Math.min(12, snapshotId.length())));
            snapshotsRead.put(snapshotId, b);
        }
        return b.clone();
    }

    @Override
    public List<String> handoverIds(String toTag) {
        return index("handover", toTag).keySet().stream().sorted().toList();
    }

    @Override
    public byte[] readHandover(String handoverId) {
        String what = "key handover " + handoverId.substring(0, Math.min(12, handoverId.length()));
        String tx = found.entrySet().stream().filter(e -> e.getKey().startsWith("handover:")).map(e -> e.getValue().get(handoverId))
                .filter(Objects::nonNull).findFirst().orElseThrow(() -> MemosException.network(what + " is missing from " + describe(), null));
        return download(tx, handoverId, what);
    }

    @Override
    public void putHandover(String handoverId, String toTag, byte[] bytes) {
        put("handover", handoverId, toTag, bytes);
    }

    /** A handed-over key's objects are its own uploads: its owner joins discovery, and what was found is asked again. */
    @Override
    public void addOwnerKey(byte[] publicKey) {
        String owner = dev.memos.arweave.JwkWallet.addressOf(publicKey);
        if (!owners.contains(owner)) {
            owners.add(owner);
            found.clear();
        }
    }

    /** The tx id an object was found or uploaded under, if known. */
    public Optional<String> txId(String kind, String id) {
        return Optional.ofNullable(index(kind).get(id));
    }

    @Override
    public String describe() {
        return name;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // work files live in $MEMOS_HOME/tmp and are swept by the next run
        }
    }
}
