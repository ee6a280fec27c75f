package dev.memos.backup;

import dev.memos.crypto.ChunkedAeadReader;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one full pass over a bundle that verify and restore share: the calling thread reads the file,
 * hashes it, opens every chunk and hashes the archive section; a second thread decompresses the
 * archive and hands it to a {@link SafeExtractor}. Returns the bundle's SHA-256 only when every
 * chunk, the archive hash and size, the trailer and every inventory check passed.
 */
final class BundleScanner {
    private static final int PIPE_BLOCK = 256 * 1024;
    private static final int PIPE_DEPTH = 8;

    private BundleScanner() {
    }

    record Scan(String bundleSha256, long bundleSize, long chunks) {
    }

    static Scan scan(BundleReader reader, BundleKeys keys, SafeExtractor extractor, ProgressListener progress) {
        Manifest m = reader.manifest();
        BundleHeader header = reader.header();
        Hash fileSha = Hash.sha256();
        Hash archiveSha = Hash.sha256();
        BlockPipe pipe = new BlockPipe(PIPE_BLOCK, PIPE_DEPTH);
        AtomicReference<Throwable> extractFailure = new AtomicReference<>();
        // The archive hash is taken on the extracting side, so decryption and decompression each get a core.
        Thread worker = new Thread(() -> {
            InputStream raw = archiveSha.hashing(pipe.input());
            try {
                InputStream limited = new LimitedInputStream(m.compression().decompress(raw), SafeExtractor.archiveBudget(m));
                extractor.extract(limited);
                extractor.finish();
                raw.transferTo(OutputStream.nullOutputStream());
            } catch (Throwable t) {
                extractFailure.set(t);
                pipe.abandon();
            }
        }, "memos-extract");
        worker.setDaemon(true);
        long size;
        long chunks;
        try (SecretBytes key = keys.payloadKey(header.salt());
             InputStream file = fileSha.hashing(new BufferedInputStream(Files.newInputStream(reader.path()), 256 * 1024))) {
            byte[] h = file.readNBytes(BundleHeader.LENGTH);
            if (!Arrays.equals(h, header.bytes())) {
                throw MemosException.integrity("the bundle changed while it was read: try again");
            }
            worker.start();
            ChunkedAeadReader plain = new ChunkedAeadReader(file, key, header.bytes(), header.chunkSize());
            long left = reader.archiveLength();
            byte[] buf = new byte[PIPE_BLOCK];
            try (OutputStream toWorker = pipe.output()) {
                while (left > 0) {
                    int n = plain.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        throw MemosException.integrity("the bundle ended early: it is truncated; get an intact copy");
                    }
                    toWorker.write(buf, 0, n);
                    left -= n;
                }
            } catch (IOException e) {
                BlockPipe.join(worker);
                rethrowWorker(extractFailure.get());
                throw e;
            }
            byte[] trailer = plain.readNBytes(reader.trailer().length + 1);
            if (!Arrays.equals(trailer, reader.trailer())) {
                throw MemosException.integrity("the bundle's trailer differs between reads or has extra data: it is damaged");
            }
            chunks = plain.chunks();
            size = reader.size();
            BlockPipe.join(worker);
            rethrowWorker(extractFailure.get());
            if (!Hex.encode(archiveSha.digest()).equals(m.archiveSha256())) {
                throw MemosException.integrity("the archive section does not match its SHA-256 in the manifest: the bundle is damaged");
            }
        } catch (IOException e) {
            pipe.abandon();
            BlockPipe.join(worker);
            rethrowWorker(extractFailure.get());
            throw MemosException.failure("cannot read " + reader.path() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pipe.fail(e);
            BlockPipe.join(worker);
            throw e;
        }
        rethrowWorker(extractFailure.get());
        return new Scan(Hex.encode(fileSha.digest()), size, chunks);
    }

    private static void rethrowWorker(Throwable t) {
        if (t == null) {
            return;
        }
        MemosException cause = memosCause(t);
        if (cause != null) {
            throw cause;
        }
        if (t instanceof java.io.UncheckedIOException || t instanceof IOException) {
            throw MemosException.integrity("the archive inside the bundle cannot be read (" + t.getMessage()
                    + "): the bundle is damaged; nothing was changed");
        }
        throw MemosException.failure("restore failed: " + t, t);
    }

    static MemosException memosCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemosException me) {
                return me;
            }
        }
        return null;
    }

    /** Refuses to deliver more than the inventory allows: the guard against decompression bombs. */
    static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left <= 0) {
                if (in.read() < 0) {
                    return -1;
                }
                throw new IOException("bomb", MemosException.integrity("the archive expands beyond what its inventory allows"
                        + " (a decompression bomb): refusing to restore it; nothing was changed"));
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
