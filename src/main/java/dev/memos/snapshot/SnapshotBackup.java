package dev.memos.snapshot;

import dev.memos.crypto.EthSigner;
import dev.memos.crypto.HmacSha256;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deduplicated backup into a {@link Repository} (FORMAT.md §14): walk the folder, take unchanged
 * files' chunks from the cache, chunk the rest, store only chunks the parent snapshot does not
 * index, then write the snapshot. Packs are complete in the repository before the snapshot that
 * cites them is written, so no published snapshot ever points at a pack that is not there.
 */
public final class SnapshotBackup {
    private final SnapshotKeys keys;
    private final EthSigner signer;
    private final Repository repo;
    private final Clock clock;
    private final ChunkerParams params;
    private final Path cacheFile;
    private final Path catalogFile;
    private final long knownSequence;
    private final String knownSha256;
    private final PathFilter exclude;
    private final boolean dryRun;
    private final Map<String, byte[]> attached;
    private final Map<String, BlobRef> resumed;
    private final java.util.function.Consumer<String> packStored;
    private final java.util.function.Consumer<List<String>> forkSeen;
    private final KeyRing ring;
    private final int workers;
    private final java.util.function.IntFunction<byte[]> packSalts;

    private SnapshotBackup(Builder b) {
        this.keys = Objects.requireNonNull(b.keys, "keys");
        this.signer = Objects.requireNonNull(b.signer, "signer");
        this.repo = Objects.requireNonNull(b.repo, "repository");
        this.clock = b.clock;
        this.params = b.params;
        this.cacheFile = b.cacheFile;
        this.catalogFile = b.catalogFile;
        this.knownSequence = b.knownSequence;
        this.knownSha256 = b.knownSha256;
        this.exclude = b.exclude;
        this.dryRun = b.dryRun;
        this.attached = new TreeMap<>(b.attached);
        this.resumed = Map.copyOf(b.resumed);
        this.packStored = b.packStored;
        this.forkSeen = b.forkSeen;
        this.ring = b.ring;
        this.workers = b.workers;
        this.packSalts = b.packSalts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; keys, signer and repository are required. */
    public static final class Builder {
        private SnapshotKeys keys;
        private EthSigner signer;
        private Repository repo;
        private Clock clock = Clock.systemUTC();
        private ChunkerParams params;
        private Path cacheFile;
        private Path catalogFile;
        private long knownSequence;
        private String knownSha256;
        private PathFilter exclude = PathFilter.none();
        private boolean dryRun;

        /** Do all the work (chunk, compress, encrypt, count) but write no pack, snapshot or cache. */
        public Builder dryRun(boolean d) {
            dryRun = d;
            return this;
        }

        /** Paths to leave out (--exclude); the input folder's .memosignore is added to them (FORMAT.md §14.9). */
        public Builder exclude(PathFilter f) {
            exclude = Objects.requireNonNull(f);
            return this;
        }

        private final Map<String, byte[]> attached = new TreeMap<>();

        /**
         * Stores {@code content} as {@code .memos-identities/NAME} in the tree ({@link Snapshots#RESERVED}): data
         * that rides with the snapshot, encrypted and deduplicated like any file, but is not part of the folder.
         */
        public Builder attach(String name, byte[] content) {
            attached.put(name, content.clone());
            return this;
        }
        private Map<String, BlobRef> resumed = Map.of();
        private java.util.function.Consumer<String> packStored = id -> { };
        private java.util.function.Consumer<List<String>> forkSeen = ids -> { };
        private KeyRing ring;

        /**
         * The key ring of {@code keys} (FORMAT.md §14.12): the repository may then also hold the snapshots of
         * keys handed over to it, which are read (not refused as foreign) but never chosen as parent.
         */
        public Builder ring(KeyRing r) {
            ring = r;
            return this;
        }

        public Builder keys(SnapshotKeys k) {
            keys = k;
            return this;
        }

        public Builder signer(EthSigner s) {
            signer = s;
            return this;
        }

        public Builder repository(Repository r) {
            repo = r;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        /** Chunker sizes; default: the parent snapshot's, else {@link ChunkerParams#DEFAULT}. */
        public Builder chunker(ChunkerParams p) {
            params = p;
            return this;
        }

        public Builder cacheFile(Path f) {
            cacheFile = f;
            return this;
        }

        /** The snapshots this home has verified (§14.8): only the others and the newest are read. */
        public Builder catalogFile(Path f) {
            catalogFile = f;
            return this;
        }

        /** The newest backup this home knows of (rollback index), of either kind; the chain continues after it. */
        public Builder known(long sequence, String sha256) {
            knownSequence = sequence;
            knownSha256 = sha256;
            return this;
        }

        /**
         * Chunks of packs that are complete in the repository but cited by no snapshot yet (a backup
         * killed before its snapshot): reused instead of stored again. The caller read them from the
         * packs' own trailers (§14.5), never from a cache.
         */
        public Builder resumed(Map<String, BlobRef> blobs) {
            resumed = blobs;
            return this;
        }

        /** Told each pack id once it is complete in the repository, before any snapshot cites it. */
        public Builder onPackStored(java.util.function.Consumer<String> listener) {
            packStored = listener;
            return this;
        }

        /** Told the sibling ids when the parent's sequence was published more than once (recorded in the snapshot). */
        public Builder onFork(java.util.function.Consumer<List<String>> listener) {
            forkSeen = listener;
            return this;
        }

        private int workers = Runtime.getRuntime().availableProcessors();
        private java.util.function.IntFunction<byte[]> packSalts;

        /** Threads that compress new chunks (1 = everything on the caller's thread); the packs are the same bytes either way. */
        public Builder workers(int n) {
            workers = n;
            return this;
        }

        /** Fixed pack header salts (the n-th pack's), for tests that compare packs byte for byte; default random. */
        Builder packSalts(java.util.function.IntFunction<byte[]> s) {
            packSalts = s;
            return this;
        }

        public SnapshotBackup build() {
            return new SnapshotBackup(this);
        }
    }

    /**
     * This key's own newest snapshot (an old key's chunks have other ids and its packs other keys) and
     * its siblings. Without a handover, the catalog of what this home already verified spares reading
     * the rest (FORMAT.md §14.8); across rotations the repository also holds old keys' snapshots, which
     * only the ring can read, so every snapshot is read then.
     */
    private Snapshots.Newest parentOf(SnapshotCatalog catalog) {
        if (ring == null || ring.members().size() == 1) {
            return Snapshots.newest(repo, keys, catalog).orElse(null);
        }
        List<Snapshots.Listed> all = ring.all(repo).stream().filter(l -> l.snapshot().address().equals(keys.address())).toList();
        if (all.isEmpty()) {
            return null;
        }
        Snapshots.Listed top = all.get(all.size() - 1);
        return new Snapshots.Newest(top, all.stream()
                .filter(l -> l.snapshot().sequence() == top.snapshot().sequence() && !l.id().equals(top.id()))
                .map(Snapshots.Listed::id).toList());
    }

    public SnapshotResult run(Path input) throws IOException {
        if (!Files.isDirectory(input, LinkOption.NOFOLLOW_LINKS)) {
            throw MemosException.usage("--input " + input + " is not a folder");
        }
        PathFilter skip = exclude.withIgnoreFile(input);
        SnapshotCatalog catalog = SnapshotCatalog.load(catalogFile, keys);
        Snapshots.Newest newest = parentOf(catalog);
        Snapshots.Listed parent = newest == null ? null : newest.listed();
        // A fork (two homes published the parent's sequence): chain on the newest, record the others.
        List<String> siblings = newest == null ? List.of() : newest.siblings();
        if (!siblings.isEmpty()) {
            forkSeen.accept(siblings);
        }
        ChunkerParams p = params != null ? params : parent != null ? parent.snapshot().chunker() : ChunkerParams.DEFAULT;
        Map<String, BlobRef> known = new HashMap<>(resumed);
        known.putAll(parent == null ? Map.of() : parent.snapshot().index());
        MetadataCache cache = parent == null ? MetadataCache.empty() : MetadataCache.load(cacheFile, keys, parent.id());
        if (Files.exists(input.resolve(Snapshots.RESERVED), LinkOption.NOFOLLOW_LINKS)) {
            throw MemosException.usage(input.resolve(Snapshots.RESERVED) + ": the name " + Snapshots.RESERVED
                    + " is reserved for the identity data a snapshot carries; rename it, or back up the folder that holds it");
        }
        List<TreeEntry> tree = new ArrayList<>();
        Run run = new Run(new Chunker(keys.gearTable(), p), known, cache);
        try (run) {
            walk(input, "", tree, run, skip);
            attach(tree, run);
            run.flush();
        }

        long seq = Math.max(knownSequence, parent == null ? 0 : parent.snapshot().sequence()) + 1;
        String previous = parent != null && parent.snapshot().sequence() >= knownSequence ? parent.snapshot().sha256() : knownSha256;
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        Snapshot s = Snapshot.create(keys.address(), seq, previous, now, p, tree, known, siblings);
        SnapshotCodec.Encoded enc = SnapshotCodec.write(s, keys, signer);
        if (!dryRun) {
            repo.putSnapshot(enc.id(), enc.bytes());
            catalog.put(enc.id(), s, enc.bytes().length);
            catalog.save();
            MetadataCache.save(cacheFile, keys, enc.id(), run.cacheOut);
        }
        // files and bytes of the folder itself: the attachments ride along but are not part of it
        long attachedBytes = attached.values().stream().mapToLong(b -> b.length).sum();
        return new SnapshotResult(enc.id(), s.sha256(), seq, s.fileCount() - attached.size(), s.totalBytes() - attachedBytes, run.newBytes,
                run.storedBytes + enc.bytes().length, run.packs, run.reused, run.fresh, run.filesRead);
    }

    private void attach(List<TreeEntry> tree, Run run) throws IOException {
        if (attached.isEmpty()) {
            return;
        }
        long now = Instant.now(clock).getEpochSecond();
        tree.add(TreeEntry.dir(Snapshots.RESERVED, 0700, now));
        for (Map.Entry<String, byte[]> a : attached.entrySet()) {
            List<String> chunks = run.chunk(new java.io.ByteArrayInputStream(a.getValue()));
            tree.add(TreeEntry.file(Snapshots.RESERVED + "/" + a.getKey(), a.getValue().length, 0600, now, chunks));
        }
    }

    /** Per-run state: the chunk map, the pack pipeline and the counters. */
    private final class Run implements AutoCloseable {
        final Chunker chunker;
        final Map<String, BlobRef> known;
        final MetadataCache cache;
        final HmacSha256.Keyed idMac = HmacSha256.keyed(keys.chunkIdKey());
        final Map<String, MetadataCache.Entry> cacheOut = new TreeMap<>();
        /** Chunks handed to the pipeline in this run: their refs are known once it finishes. */
        final Set<String> pending = new java.util.HashSet<>();
        final PackPipeline pipeline = new PackPipeline(keys, repo, dryRun, packStored, workers, packSalts);
        long newBytes;
        long storedBytes;
        int packs;
        long reused;
        long fresh;
        long filesRead;

        Run(Chunker chunker, Map<String, BlobRef> known, MetadataCache cache) {
            this.chunker = chunker;
            this.known = known;
            this.cache = cache;
        }

        List<String> chunksOf(Path file, String rel, MetadataCache.Stat stat) throws IOException {
            List<String> cached = cache.lookup(rel, stat);
            if (cached != null && known.keySet().containsAll(cached)) {
                reused += cached.size();
                return cached;
            }
            filesRead++;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return chunk(in);
            }
        }

        /** Chunks a stream, storing only chunks not stored before; returns its chunk ids in order. */
        List<String> chunk(InputStream in) throws IOException {
            List<String> ids = new ArrayList<>();
            chunker.split(in, (buf, off, len) -> {
                byte[] raw = idMac.mac(buf, off, len);
                String id = Hex.encode(raw);
                ids.add(id);
                if (known.containsKey(id) || !pending.add(id)) {
                    reused++;
                    return;
                }
                pipeline.add(raw, java.util.Arrays.copyOfRange(buf, off, off + len));
                fresh++;
                newBytes += len;
            });
            return ids;
        }

        /** Waits for the last pack; every new chunk then has its ref in {@code known}. */
        void flush() {
            PackPipeline.Stored done = pipeline.finish();
            for (BlobRef r : done.refs()) {
                known.put(r.chunkId(), r);
            }
            storedBytes += done.bytes();
            packs += done.packs();
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    private void walk(Path dir, String prefix, List<TreeEntry> tree, Run run, PathFilter skip) throws IOException {
        // Exact UTF-8 names (as bundles, FORMAT.md §3.3): a name that is not valid UTF-8 is refused by name, never mangled.
        List<Map.Entry<String, Path>> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                children.add(Map.entry(dev.memos.backup.ExactNames.nameOf(c), c));
            }
        }
        children.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, Path> named : children) {
            Path c = named.getValue();
            String rel = prefix + named.getKey();
            BasicFileAttributes a = Files.readAttributes(c, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (skip.matches(rel, a.isDirectory())) {
                continue; // excluded: a folder is pruned with everything below it
            }
            if (a.isDirectory()) {
                tree.add(TreeEntry.dir(rel, mode(c), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.SECONDS)));
                walk(c, rel + "/", tree, run, skip);
            } else if (a.isRegularFile()) {
                MetadataCache.Stat stat = stat(c, a);
                List<String> chunks = run.chunksOf(c, rel, stat);
                run.cacheOut.put(rel, new MetadataCache.Entry(stat, chunks));
                tree.add(TreeEntry.file(rel, a.size(), mode(c), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.SECONDS), chunks));
            }
            // symlinks, devices, FIFOs and sockets are never stored (as bundles, FORMAT.md §3.3)
        }
    }

    private static MetadataCache.Stat stat(Path c, BasicFileAttributes a) {
        long ctime = 0;
        long inode = 0;
        try {
            Map<String, Object> u = Files.readAttributes(c, "unix:ctime,ino", LinkOption.NOFOLLOW_LINKS);
            ctime = nanos((FileTime) u.get("ctime"));
            inode = ((Number) u.get("ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: size and mtime alone decide, as restic does on such systems
        }
        return new MetadataCache.Stat(a.size(), nanos(a.lastModifiedTime()), ctime, inode);
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static int mode(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            int m = 0;
            for (PosixFilePermission x : perms) {
                m |= 1 << (8 - x.ordinal());
            }
            return m;
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isDirectory(p) ? 0755 : 0644;
        }
    }
}
