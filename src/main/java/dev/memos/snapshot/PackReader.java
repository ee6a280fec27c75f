package dev.memos.snapshot;

import dev.memos.crypto.ChaCha20Poly1305;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads packs (FORMAT.md §14.5): the whole file with its trailer index ({@link #readIndex}), or one
 * blob fetched on its own by offset and length ({@link #openBlob}). Every failure is an integrity
 * error naming the pack; no plaintext of a blob that failed is ever returned.
 */
public final class PackReader {
    static final int MAX_RAW = 64 << 20;
    static final int MIN_BLOB = 1 + ChaCha20Poly1305.TAG_LENGTH;
    /** A stored blob is flag + chunk + tag; a writer never keeps a compressed form that is larger. */
    static final int MAX_BLOB = MAX_RAW + MIN_BLOB;

    private final String packId;
    private final ObjectHeader header;
    private final ChaCha20Poly1305 aead;
    private final HmacSha256.Keyed idMac;

    private PackReader(SnapshotKeys keys, String packId, ObjectHeader header) {
        this.packId = packId;
        this.header = header;
        try (SecretBytes k = header.payloadKey(keys.packKey())) {
            this.aead = new ChaCha20Poly1305(k);
        }
        this.idMac = HmacSha256.keyed(keys.chunkIdKey());
    }

    /** Checks the header (76 bytes or more of the pack's start): refuses a pack made under another key. */
    public static PackReader open(SnapshotKeys keys, String packId, byte[] headerBytes) {
        return new PackReader(keys, packId, ObjectHeader.verify(headerBytes, ObjectHeader.PACK_MAGIC, keys.packKey(), name(packId)));
    }

    static String name(String packId) {
        return "pack " + packId.substring(0, Math.min(12, packId.length()));
    }

    /** Reads a whole pack: its id (SHA-256), header, trailer and blob layout. Returns the blob refs. */
    public static List<BlobRef> readIndex(SnapshotKeys keys, String packId, byte[] pack) {
        if (!Hex.encode(Hash.sha256(pack)).equals(packId)) {
            throw MemosException.integrity(name(packId) + " does not match its id (SHA-256): it was altered or truncated");
        }
        PackReader r = open(keys, packId, pack);
        return r.trailer(pack);
    }

    private List<BlobRef> trailer(byte[] pack) {
        int size = pack.length;
        if (size < ObjectHeader.LENGTH + 4 + 4 + ChaCha20Poly1305.TAG_LENGTH) {
            throw bad("is truncated (no room for a trailer)");
        }
        long tlen = ByteBuffer.wrap(pack, size - 4, 4).getInt() & 0xffffffffL;
        if (tlen < 4 + ChaCha20Poly1305.TAG_LENGTH || tlen > size - 4 - ObjectHeader.LENGTH || (tlen - 4 - ChaCha20Poly1305.TAG_LENGTH) % PackWriter.ENTRY != 0) {
            throw bad("has an impossible trailer length");
        }
        int tstart = (int) (size - 4 - tlen);
        byte[] index = aead.open(PackWriter.trailerNonce(), header.authenticatedPart(), pack, tstart, (int) tlen);
        if (index == null) {
            throw bad("has a trailer that fails authentication: it was altered, truncated or mixed with another");
        }
        ByteBuffer b = ByteBuffer.wrap(index);
        long n = b.getInt() & 0xffffffffL;
        if (n * PackWriter.ENTRY + 4 != index.length) {
            throw bad("has a trailer whose count does not match its length");
        }
        List<BlobRef> refs = new ArrayList<>((int) n);
        long expect = ObjectHeader.LENGTH;
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            b.get(id);
            long off = b.getInt() & 0xffffffffL;
            long len = b.getInt() & 0xffffffffL;
            long raw = b.getInt() & 0xffffffffL;
            if (off != expect || len < MIN_BLOB || len > MAX_BLOB || raw > MAX_RAW || off + len > tstart) {
                throw bad("lists blob " + i + " outside the pack's blob area");
            }
            expect = off + len;
            refs.add(new BlobRef(Hex.encode(id), packId, off, (int) len, (int) raw));
        }
        if (expect != tstart) {
            throw bad("has bytes between its last blob and its trailer");
        }
        return refs;
    }

    /** Opens one blob given its bytes (from a whole pack or a Range read) and checks its chunk id. */
    public byte[] openBlob(BlobRef ref, byte[] buf, int off) {
        if (ref.length() < MIN_BLOB || ref.length() > MAX_BLOB || ref.rawLength() < 0 || ref.rawLength() > MAX_RAW) {
            throw bad("is cited with an impossible blob length");
        }
        byte[] id = Hex.decode(ref.chunkId());
        byte[] plain = aead.open(PackWriter.blobNonce(ref.offset()), id, buf, off, ref.length());
        if (plain == null) {
            throw bad("has a blob at offset " + ref.offset() + " that fails authentication: it was altered, or the index cites the wrong place");
        }
        byte[] chunk = switch (plain[0]) {
            case PackWriter.STORED -> Arrays.copyOfRange(plain, 1, plain.length);
            case PackWriter.ZSTD -> inflate(plain, ref.rawLength());
            default -> throw bad("has a blob with unknown flag " + (plain[0] & 0xff) + ": made by a newer memos");
        };
        if (chunk.length != ref.rawLength() || !Hash.equal(idMac.mac(chunk, 0, chunk.length), id)) {
            throw bad("has a blob at offset " + ref.offset() + " whose content does not match its chunk id");
        }
        return chunk;
    }

    private byte[] inflate(byte[] plain, int rawLength) {
        byte[] out = new byte[rawLength];
        try {
            long n = ZSTD_CTX.get().decompressByteArray(out, 0, rawLength, plain, 1, plain.length - 1);
            if (n != rawLength) {
                throw bad("has a blob that decompresses to the wrong length");
            }
            return out;
        } catch (RuntimeException e) {
            if (e instanceof MemosException m) {
                throw m;
            }
            throw bad("has a blob that does not decompress");
        }
    }

    /** One context per thread: Zstd.decompressByteArray makes and frees one per call, a cost per blob. */
    private static final ThreadLocal<com.github.luben.zstd.ZstdDecompressCtx> ZSTD_CTX =
            ThreadLocal.withInitial(com.github.luben.zstd.ZstdDecompressCtx::new);

    private MemosException bad(String what) {
        return MemosException.integrity(name(packId) + " " + what);
    }

    @Override
    public String toString() {
        return "PackReader[" + name(packId) + "]";
    }
}
