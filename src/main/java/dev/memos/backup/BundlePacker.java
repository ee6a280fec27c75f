package dev.memos.backup;

import dev.memos.crypto.ChunkedAeadWriter;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import dev.memos.store.HomeLock;
import dev.memos.store.TempFiles;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Packs a directory into an encrypted bundle (FORMAT.md §3) in one streaming pass: a worker thread
 * walks, hashes, tars and compresses; the calling thread hashes the archive, encrypts it chunk by
 * chunk and writes the file; memory does not depend on the tree's size. The bundle appears
 * atomically at {@code outBundle}. With a {@link RollbackIndex} the backup takes the next sequence
 * of its address and chains to the previous manifest, and the index is updated under its lock.
 *
 * <pre>{@code
 * PackResult r = BundlePacker.builder().key(ethKey).rollbackIndex(RollbackIndex.forHome(home)).build()
 *         .pack(Path.of("memory"), Path.of("memory.bundle"));
 * r.envelope().write(Path.of("manifest.json"));
 * }</pre>
 */
public final class BundlePacker {
    private static final int PIPE_BLOCK = 256 * 1024;
    private static final int PIPE_DEPTH = 8;

    private final EthPrivateKey key;
    private final EthSigner signer;
    private final RollbackIndex index;
    private final RollbackIndex chain;
    private final Clock clock;
    private final Compression compression;
    private final int level;
    private final int chunkLog2;
    private final Random random;
    private final ProgressListener progress;
    private final int workers;

    private BundlePacker(Builder b) {
        this.key = Objects.requireNonNull(b.key, "key");
        this.signer = b.signer != null ? b.signer : EthSigner.of(b.key);
        if (!signer.address().equals(key.address())) {
            throw new IllegalArgumentException("the signer must be the same Ethereum key");
        }
        this.index = b.index;
        this.chain = b.chain;
        this.clock = b.clock;
        this.compression = b.compression;
        this.level = compression.level(b.level);
        this.chunkLog2 = b.chunkLog2;
        this.random = b.random;
        this.progress = b.progress;
        this.workers = b.workers;
    }

    public static Builder builder() {
        return new Builder();
    }

    public PackResult pack(Path inputDir, Path outBundle) {
        Path input = inputDir.toAbsolutePath().normalize();
        Path out = outBundle.toAbsolutePath().normalize();
        if (!Files.isDirectory(input)) {
            throw MemosException.usage("--input " + inputDir + " is not a directory: give the folder to back up");
        }
        try {
            Path realInput = input.toRealPath();
            Path outParent = out.getParent();
            Files.createDirectories(outParent);
            if (outParent.toRealPath().startsWith(realInput)) {
                throw MemosException.usage("the bundle " + outBundle + " would be inside the folder being packed: write it elsewhere");
            }
            if (Files.isDirectory(out)) {
                throw MemosException.usage("--out " + outBundle + " is a directory: give a file name");
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot prepare " + outBundle + ": " + e.getMessage(), e);
        }
        try (HomeLock lock = index != null ? index.lock() : null; BundleKeys keys = BundleKeys.derive(key)) {
            String address = keys.address();
            long sequence = index != null ? Math.max(index.nextSequence(address), chain.nextSequence(address)) : 1;
            String previous = index != null ? chain.latest(address).map(RollbackIndex.Entry::manifestSha256).orElse(null) : null;
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            BundleHeader header = BundleHeader.create(keys, compression, chunkLog2, salt);
            // The temporary bundle names its process: one left by a killed pack is swept here, under the lock.
            String name = out.getFileName().toString();
            TempFiles.sweep(out.getParent(), Pattern.compile(Pattern.quote("." + name + ".") + "pid(\\d+)\\.tmp-[0-9a-f]+"));
            Path tmp = AtomicFile.createTemp(out.getParent(), name + "." + TempFiles.pidTag());
            boolean done = false;
            try (TempFiles.Tracked tracked = TempFiles.track(tmp)) {
                Written w = write(input, tmp, keys, header, address, sequence, previous);
                if (index != null) {
                    index.recordLocked(w.sealed.manifest());
                }
                AtomicFile.moveIntoPlace(tmp, out);
                done = true;
                ManifestEnvelope env = ManifestEnvelope.create(w.sealed, w.sha256, w.size, null, keys, signer);
                return new PackResult(out, env, w.skipped);
            } finally {
                if (!done) {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + outBundle + ": " + e.getMessage(), e);
        }
    }

    private record Written(SealedManifest sealed, String sha256, long size, List<SkippedEntry> skipped) {
    }

    private Written write(Path input, Path tmp, BundleKeys keys, BundleHeader header, String address, long sequence,
                          String previous) throws IOException {
        Hash fileSha = Hash.sha256();
        Hash archiveSha = Hash.sha256();
        TreeArchiver archiver = new TreeArchiver(input, progress);
        BlockPipe pipe = new BlockPipe(PIPE_BLOCK, PIPE_DEPTH);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // The archiver thread walks, reads, hashes files and feeds the compressor (whose zstd workers
        // take the other cores); this thread hashes the compressed archive, encrypts and writes.
        Thread worker = new Thread(() -> {
            try {
                archiver.write(compression.compress(pipe.output(), level, workers));
            } catch (Throwable t) {
                failure.set(t);
                pipe.fail(t);
            }
        }, "memos-pack-archiver");
        worker.setDaemon(true);
        CountingSyncStream file = new CountingSyncStream(new FileOutputStream(tmp.toFile()));
        try (SecretBytes payloadKey = keys.payloadKey(header.salt());
             ChunkedAeadWriter enc = new ChunkedAeadWriter(
                     new BufferedOutputStream(fileSha.hashing(file), 256 * 1024), payloadKey, header.bytes(),
                     header.chunkSize())) {
            // The header goes straight to the file, ahead of the (still empty) buffered chunk stream.
            fileSha.update(header.bytes());
            file.write(header.bytes());
            worker.start();
            byte[] buf = new byte[PIPE_BLOCK];
            long archiveSize = 0;
            try (InputStream archive = pipe.input()) {
                int n;
                while ((n = archive.read(buf)) > 0) {
                    archiveSha.update(buf, 0, n);
                    archiveSize += n;
                    enc.write(buf, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                pipe.abandon();
                BlockPipe.join(worker);
                rethrow(failure.get());
                throw e;
            }
            BlockPipe.join(worker);
            // A failing walk closes the tar on its way out, which ends the pipe cleanly before the
            // failure is recorded: without this check such a pack "succeeded" with a short archive.
            rethrow(failure.get());
            Manifest m = new Manifest(address, sequence, clock.instant(), previous, compression, header.chunkSize(),
                    header.saltHex(), Hex.encode(archiveSha.digest()), archiveSize, archiver.inventory());
            SealedManifest sealed = SealedManifest.seal(m, keys, signer);
            byte[] trailer = sealed.canonicalBytes();
            if (trailer.length > BundleReader.MAX_MANIFEST) {
                throw MemosException.usage("the manifest of " + m.files().size() + " entries exceeds 64 MiB: pack fewer files per bundle");
            }
            enc.write(trailer);
            enc.write(ByteBuffer.allocate(4).putInt(trailer.length).array());
            enc.close();
            return new Written(sealed, Hex.encode(fileSha.digest()), file.count, archiver.skipped());
        }
    }

    private static void rethrow(Throwable cause) throws IOException {
        MemosException me = BundleScanner.memosCause(cause);
        if (me != null) {
            throw me;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
    }

    /** Counts bytes and makes close() durable (fsync) before the rename that publishes the bundle. */
    private static final class CountingSyncStream extends FilterOutputStream {
        private final FileOutputStream fos;
        private long count;

        CountingSyncStream(FileOutputStream fos) {
            super(fos);
            this.fos = fos;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            fos.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            fos.write(b);
            count++;
        }

        @Override
        public void close() throws IOException {
            try {
                fos.flush();
                fos.getFD().sync();
            } finally {
                fos.close();
            }
        }
    }

    /** Settings for a packer; only the key is required. */
    public static final class Builder {
        private EthPrivateKey key;
        private EthSigner signer;
        private RollbackIndex index;
        private RollbackIndex chain;
        private Clock clock = Clock.systemUTC();
        private Compression compression = Compression.ZSTD;
        private Integer level;
        private int chunkLog2 = BundleHeader.DEFAULT_CHUNK_LOG2;
        private Random random = new SecureRandom();
        private ProgressListener progress = ProgressListener.NONE;
        private int workers = defaultWorkers();

        private Builder() {
        }

        // One zstd thread per core: compression is most of a pack's work, and the archiver and the
        // encrypting thread mostly wait on it. A single core gains nothing from a helper thread.
        private static int defaultWorkers() {
            int cores = Runtime.getRuntime().availableProcessors();
            return cores >= 2 ? Math.min(cores, 8) : 0;
        }

        /** zstd compression threads (0 = compress on the archiver thread); default: one per core, at most 8. */
        public Builder workers(int workers) {
            if (workers < 0 || workers > 64) {
                throw new IllegalArgumentException("workers must be 0..64");
            }
            this.workers = workers;
            return this;
        }

        public Builder key(EthPrivateKey key) {
            this.key = key;
            return this;
        }

        /** Another signer for the same key (e.g. a hardware wallet); default: a software signer of {@link #key}. */
        public Builder signer(EthSigner signer) {
            this.signer = signer;
            return this;
        }

        /** Where sequences come from and are recorded; without it the bundle has sequence 1 and no chain. */
        public Builder rollbackIndex(RollbackIndex index) {
            this.index = index;
            this.chain = index;
            return this;
        }

        /**
         * A local pack (FORMAT.md §5): follows the head of the network {@code chain} (previous
         * manifest hash) with a sequence above both indexes, and is recorded only in {@code local},
         * so it never makes a restore refuse the newest real backup nor pushes the next backup's
         * sequence past one that never reaches the network. {@code upload} adds it to the chain.
         */
        public Builder localPack(RollbackIndex local, RollbackIndex chain) {
            this.index = local;
            this.chain = chain;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder compression(Compression compression) {
            this.compression = compression;
            return this;
        }

        /** Compression level, or null for the default (zstd 3, gzip 6). */
        public Builder level(Integer level) {
            this.level = level;
            return this;
        }

        /** Chunk size as a power of two (12..22); the format's default is 16 (64 KiB). */
        public Builder chunkLog2(int log2) {
            if (log2 < 12 || log2 > 22) {
                throw new IllegalArgumentException("chunk size must be 2^12..2^22");
            }
            this.chunkLog2 = log2;
            return this;
        }

        /** Source of the bundle salt; SecureRandom by default. Only test vectors pass anything else. */
        public Builder random(Random random) {
            this.random = random;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public BundlePacker build() {
            return new BundlePacker(this);
        }
    }
}
