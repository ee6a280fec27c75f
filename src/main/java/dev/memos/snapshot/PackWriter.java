package dev.memos.snapshot;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import dev.memos.crypto.ChaCha20Poly1305;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one pack in memory (FORMAT.md §14.5): blobs are compressed when zstd pays, sealed each on
 * its own so one can be fetched by Range, and followed by the encrypted trailer index. A pack is a
 * few MiB, which is why it is held in memory rather than streamed. Not thread-safe.
 */
public final class PackWriter {
    /** Close a pack once it holds this much: 16 L1 chunks of 256 KiB (FORMAT.md §14.5). */
    public static final int TARGET = 4 * 1024 * 1024;
    static final int ZSTD_LEVEL = 3;
    static final int ENTRY = 32 + 4 + 4 + 4;
    static final byte STORED = 0;
    static final byte ZSTD = 1;

    /** The finished pack: its bytes, id (SHA-256 hex) and where each chunk went. */
    public record Pack(String id, byte[] bytes, List<BlobRef> blobs) {
        public Pack {
            blobs = List.copyOf(blobs);
        }
    }

    private record Pending(byte[] id, long offset, int length, int rawLength) {
    }

    private final ObjectHeader header;
    private final ChaCha20Poly1305 aead;
    private final ByteArrayOutputStream out;
    private final List<Pending> blobs = new ArrayList<>();

    PackWriter(SnapshotKeys keys, byte[] saltOrNull) {
        this(keys, saltOrNull, newBuffer());
    }

    /** A buffer for {@link #PackWriter(SnapshotKeys, byte[], ByteArrayOutputStream)}. */
    static ByteArrayOutputStream newBuffer() {
        return new ByteArrayOutputStream(TARGET + (1 << 20));
    }

    /**
     * Writes into {@code buffer} (emptied first), which a backup reuses for pack after pack: a fresh
     * 5 MiB buffer per pack lived long enough to be promoted, and the serial collector grows the old
     * generation rather than collect it, so the garbage of finished packs became resident memory.
     */
    PackWriter(SnapshotKeys keys, byte[] saltOrNull, ByteArrayOutputStream buffer) {
        this.out = buffer;
        buffer.reset();
        this.header = ObjectHeader.create(ObjectHeader.PACK_MAGIC, keys.packKey(), saltOrNull);
        try (SecretBytes k = header.payloadKey(keys.packKey())) {
            this.aead = new ChaCha20Poly1305(k);
        }
        out.writeBytes(header.bytes());
    }

    public static PackWriter create(SnapshotKeys keys) {
        return new PackWriter(keys, null);
    }

    /** Adds one chunk under its id (32 bytes); the caller has made sure it is not stored yet. */
    public void add(byte[] chunkId, byte[] buf, int off, int len) {
        addPrepared(chunkId, prepare(buf, off, len), len);
    }

    /**
     * The blob plaintext of one chunk: flag + zstd when it pays, else flag + the chunk. A pure function
     * of the chunk, so it may run on any thread ahead of the sealing, which depends on the offset.
     */
    static byte[] prepare(byte[] buf, int off, int len) {
        byte[] z = compress(buf, off, len);
        boolean pays = z.length <= len - len / 32;
        byte[] plain = new byte[1 + (pays ? z.length : len)];
        plain[0] = pays ? ZSTD : STORED;
        if (pays) {
            System.arraycopy(z, 0, plain, 1, z.length);
        } else {
            System.arraycopy(buf, off, plain, 1, len);
        }
        return plain;
    }

    /** Seals a {@link #prepare}d chunk at the end of the pack. */
    void addPrepared(byte[] chunkId, byte[] plain, int rawLength) {
        long offset = out.size();
        byte[] sealed = aead.seal(blobNonce(offset), chunkId, plain, 0, plain.length);
        out.writeBytes(sealed);
        blobs.add(new Pending(chunkId.clone(), offset, sealed.length, rawLength));
    }

    public boolean isEmpty() {
        return blobs.isEmpty();
    }

    public boolean isFull() {
        return out.size() >= TARGET;
    }

    /** Size so far. */
    public long size() {
        return out.size();
    }

    /** Appends the trailer and returns the pack; the writer must not be used afterwards. */
    public Pack finish() {
        ByteBuffer index = ByteBuffer.allocate(4 + ENTRY * blobs.size());
        index.putInt(blobs.size());
        for (Pending p : blobs) {
            index.put(p.id()).putInt((int) p.offset()).putInt(p.length()).putInt(p.rawLength());
        }
        byte[] trailer = aead.seal(trailerNonce(), header.authenticatedPart(), index.array(), 0, index.capacity());
        out.writeBytes(trailer);
        out.writeBytes(ByteBuffer.allocate(4).putInt(trailer.length).array());
        byte[] bytes = out.toByteArray();
        String id = Hex.encode(Hash.sha256(bytes));
        List<BlobRef> refs = new ArrayList<>(blobs.size());
        for (Pending p : blobs) {
            refs.add(new BlobRef(Hex.encode(p.id()), id, p.offset(), p.length(), p.rawLength()));
        }
        return new Pack(id, bytes, refs);
    }

    /**
     * zstd level 3 on a context reused per thread: Zstd.compress builds and frees a context for
     * every call, which cost more than compressing a small chunk.
     */
    static byte[] compress(byte[] buf, int off, int len) {
        ZstdCompressCtx ctx = ZSTD_CTX.get();
        byte[] dst = new byte[(int) Zstd.compressBound(len)];
        int n = ctx.compressByteArray(dst, 0, dst.length, buf, off, len);
        return java.util.Arrays.copyOf(dst, n);
    }

    private static final ThreadLocal<ZstdCompressCtx> ZSTD_CTX = ThreadLocal.withInitial(() -> {
        ZstdCompressCtx c = new ZstdCompressCtx();
        c.setLevel(ZSTD_LEVEL);
        c.setContentSize(true);
        return c;
    });

    static byte[] blobNonce(long offset) {
        return ByteBuffer.allocate(ChaCha20Poly1305.NONCE_LENGTH).putInt(0).putLong(offset).array();
    }

    static byte[] trailerNonce() {
        return ByteBuffer.allocate(ChaCha20Poly1305.NONCE_LENGTH).putInt(1).putLong(0).array();
    }
}
