package dev.memos.backup;

import dev.memos.crypto.ChunkedAead;
import dev.memos.crypto.SecretBytes;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Opens a bundle with the key and reads its sealed manifest from the trailer by random access
 * (FORMAT.md §3.3), decrypting only the last chunk(s): the header MAC is checked first, then the
 * trailer chunks' tags, the manifest hash, HMAC and signature, and that the manifest matches the
 * header. It does not read the archive; {@link BundleVerifier} and {@link BundleRestorer} do.
 */
public final class BundleReader {
    static final int MAX_MANIFEST = 64 * 1024 * 1024;

    private final Path path;
    private final BundleHeader header;
    private final long size;
    private final BundleHeader.Layout layout;
    private final byte[] trailer;
    private final SealedManifest sealed;

    private BundleReader(Path path, BundleHeader header, long size, BundleHeader.Layout layout, byte[] trailer,
                         SealedManifest sealed) {
        this.path = path;
        this.header = header;
        this.size = size;
        this.layout = layout;
        this.trailer = trailer;
        this.sealed = sealed;
    }

    /**
     * Random access to the bytes of a bundle: a file, or ranges of a bundle stored elsewhere (an
     * Arweave item read with HTTP Range). {@link #readFully} fails with INTEGRITY if the bytes end early.
     */
    public interface Source {
        long size() throws IOException;

        void readFully(long position, byte[] dst, int off, int len) throws IOException;
    }

    public static BundleReader open(Path bundle, BundleKeys keys) {
        try (FileChannel ch = FileChannel.open(bundle, StandardOpenOption.READ)) {
            Trailer t = readTrailer(fileSource(ch), keys);
            return new BundleReader(bundle, t.header, t.size, t.layout, t.trailer, t.sealed);
        } catch (NoSuchFileException e) {
            throw MemosException.usage("no bundle at " + bundle + ": check the path");
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + bundle + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sealed manifest of a bundle that is not a local file, with every check {@link #open}
     * makes: header MAC, the trailer chunks' tags (which bind them to the size: a wrong size moves
     * the last chunk and its flag), manifest hash, HMAC and signature, and the match with the header.
     * Only the header and the chunks holding the trailer are read.
     */
    public static SealedManifest readManifest(Source source, BundleKeys keys) throws IOException {
        return readTrailer(source, keys).sealed;
    }

    private record Trailer(BundleHeader header, long size, BundleHeader.Layout layout, byte[] trailer, SealedManifest sealed) {
    }

    private static Trailer readTrailer(Source src, BundleKeys keys) throws IOException {
        long size = src.size();
        byte[] hb = new byte[(int) Math.min(BundleHeader.LENGTH, size)];
        src.readFully(0, hb, 0, hb.length);
        BundleHeader header = BundleHeader.parse(hb).authenticate(keys);
        BundleHeader.Layout layout = header.layout(size);
        byte[] trailer;
        try (SecretBytes k = keys.payloadKey(header.salt())) {
            ChunkedAead aead = new ChunkedAead(k, header.bytes());
            long plen = layout.plaintextLength();
            if (plen < 5) {
                throw MemosException.integrity("the bundle is too short to hold a manifest: it is damaged");
            }
            byte[] lenBytes = readPlain(src, size, aead, header, layout, plen - 4, plen);
            long mlen = ByteBuffer.wrap(lenBytes).getInt() & 0xffffffffL;
            if (mlen < 1 || mlen > MAX_MANIFEST || mlen > plen - 4) {
                throw MemosException.integrity("the bundle trailer names an impossible manifest length: it is damaged");
            }
            trailer = readPlain(src, size, aead, header, layout, plen - 4 - mlen, plen);
        }
        SealedManifest sealed = SealedManifest.parse(Arrays.copyOf(trailer, trailer.length - 4)).verifyMac(keys);
        checkAgainstHeader(sealed.manifest(), header, layout.plaintextLength() - trailer.length);
        return new Trailer(header, size, layout, trailer, sealed);
    }

    private static Source fileSource(FileChannel ch) {
        return new Source() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public void readFully(long position, byte[] dst, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
                while (bb.hasRemaining()) {
                    if (ch.read(bb, position + bb.position() - off) < 0) {
                        throw MemosException.integrity("the bundle changed while it was read: try again");
                    }
                }
            }
        };
    }

    private static void checkAgainstHeader(Manifest m, BundleHeader header, long archiveLength) {
        if (m.compression() != header.compression() || m.chunkSize() != header.chunkSize()
                || !m.bundleSalt().equals(header.saltHex())) {
            throw MemosException.integrity("the manifest does not belong to this bundle header: the bundle was assembled from parts");
        }
        if (m.archiveSize() != archiveLength) {
            throw MemosException.integrity("the archive section has " + archiveLength + " bytes but the manifest says "
                    + m.archiveSize() + ": the bundle is damaged");
        }
    }

    /** Plaintext bytes [from, to) by decrypting the chunks that hold them. */
    private static byte[] readPlain(Source src, long size, ChunkedAead aead, BundleHeader header, BundleHeader.Layout layout,
                                    long from, long to) throws IOException {
        int c = header.chunkSize();
        long block = c + 16L;
        byte[] out = new byte[(int) (to - from)];
        byte[] ct = new byte[(int) block];
        byte[] pt = new byte[c];
        long first = from / c;
        long last = (to - 1) / c;
        for (long i = first; i <= last; i++) {
            long off = BundleHeader.LENGTH + i * block;
            boolean isLast = i == layout.chunks() - 1;
            int len = (int) Math.min(block, size - off);
            src.readFully(off, ct, 0, len);
            int n = aead.open(i, isLast, ct, 0, len, pt, 0);
            long chunkStart = i * c;
            long s = Math.max(from, chunkStart);
            long e = Math.min(to, chunkStart + n);
            System.arraycopy(pt, (int) (s - chunkStart), out, (int) (s - from), (int) (e - s));
        }
        return out;
    }

    public Path path() {
        return path;
    }

    public BundleHeader header() {
        return header;
    }

    public long size() {
        return size;
    }

    public long chunks() {
        return layout.chunks();
    }

    public SealedManifest sealed() {
        return sealed;
    }

    public Manifest manifest() {
        return sealed.manifest();
    }

    long archiveLength() {
        return layout.plaintextLength() - trailer.length;
    }

    byte[] trailer() {
        return trailer.clone();
    }
}
