package dev.memos.arweave;

import dev.memos.crypto.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The data_root Merkle tree of a format-2 transaction, as arweave-js lib/merkle.ts builds it:
 * 256 KiB chunks, where a remainder below 32 KiB makes the second-to-last chunk ceil(rest / 2);
 * leaf id = SHA-256(SHA-256(chunkHash) || SHA-256(note(end))), branch id =
 * SHA-256(SHA-256(left) || SHA-256(right) || SHA-256(note(left.end))), an odd node is carried up
 * unchanged; notes are 32-byte big-endian offsets. Data that is a whole number of chunks ends in a
 * zero-length chunk that is part of the tree but never uploaded. Data is hashed as it streams ({@link Hasher}).
 */
public final class ChunkTree {
    public static final int MAX_CHUNK_SIZE = 256 * 1024;
    public static final int MIN_CHUNK_SIZE = 32 * 1024;
    private static final int NOTE_SIZE = 32;

    /** One chunk: bytes [min, max) of the data and the SHA-256 of those bytes. */
    public record Chunk(long min, long max, byte[] dataHash) {
        public int length() {
            return (int) (max - min);
        }
    }

    private record Node(byte[] id, long max, byte[] dataHash, Node left, Node right) {
        boolean leaf() {
            return dataHash != null;
        }
    }

    private final long size;
    private final List<Chunk> chunks;
    private final Node root;
    private final List<byte[]> proofs;

    private ChunkTree(long size, List<Chunk> chunks) {
        this.size = size;
        this.chunks = List.copyOf(chunks);
        List<Node> layer = new ArrayList<>();
        for (Chunk c : chunks) {
            layer.add(new Node(Hash.sha256(Hash.sha256(c.dataHash()), Hash.sha256(note(c.max()))), c.max(), c.dataHash(), null, null));
        }
        while (layer.size() > 1) {
            List<Node> next = new ArrayList<>();
            for (int i = 0; i < layer.size(); i += 2) {
                if (i + 1 == layer.size()) {
                    next.add(layer.get(i));
                } else {
                    Node l = layer.get(i);
                    Node r = layer.get(i + 1);
                    byte[] id = Hash.sha256(Hash.sha256(l.id()), Hash.sha256(r.id()), Hash.sha256(note(l.max())));
                    next.add(new Node(id, r.max(), null, l, r));
                }
            }
            layer = next;
        }
        this.root = layer.get(0);
        this.proofs = new ArrayList<>();
        collectProofs(root, new byte[0]);
    }

    /** The chunk ranges for data of {@code size} bytes, including a final zero-length chunk if any. */
    public static List<long[]> ranges(long size) {
        List<long[]> out = new ArrayList<>();
        long rest = size;
        long cursor = 0;
        while (rest >= MAX_CHUNK_SIZE) {
            long chunk = MAX_CHUNK_SIZE;
            long next = rest - MAX_CHUNK_SIZE;
            if (next > 0 && next < MIN_CHUNK_SIZE) {
                chunk = (rest + 1) / 2;
            }
            out.add(new long[] {cursor, cursor + chunk});
            cursor += chunk;
            rest -= chunk;
        }
        out.add(new long[] {cursor, cursor + rest});
        return out;
    }

    public static ChunkTree of(byte[] data) {
        Hasher h = hasher(data.length);
        h.update(data, 0, data.length);
        return h.finish();
    }

    /** Hashes a file as it streams by; memory is one read buffer plus 100 bytes per chunk. */
    public static ChunkTree of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Hasher h = hasher(ch.size());
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            for (long pos = 0; pos < h.size; pos += buf.limit()) {
                readFully(ch, pos, (int) Math.min(buf.capacity(), h.size - pos), buf);
                h.update(buf.array(), 0, buf.limit());
            }
            return h.finish();
        }
    }

    /** A tree for exactly {@code size} bytes, fed as they arrive (a download, a file being read). */
    public static Hasher hasher(long size) {
        return new Hasher(size);
    }

    /**
     * Cuts bytes into the chunks of {@link #ranges(long)} while they stream by, so a download can
     * be checked against a data_root without a second read. Feeding more or fewer bytes than the
     * announced size is the caller's error ({@link #remaining()} tells how many are still due).
     */
    public static final class Hasher {
        private final long size;
        private final List<long[]> ranges;
        private final List<Chunk> chunks = new ArrayList<>();
        private final Hash digest = Hash.sha256();
        private long position;
        private int index;

        private Hasher(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
            this.size = size;
            this.ranges = ranges(size);
        }

        public long remaining() {
            return size - position;
        }

        public void update(byte[] b, int off, int len) {
            if (len > remaining()) {
                throw new IllegalStateException("more bytes than the announced " + size);
            }
            while (len > 0) {
                long[] r = ranges.get(index);
                int take = (int) Math.min(len, r[1] - position);
                digest.update(b, off, take);
                position += take;
                off += take;
                len -= take;
                closeFullChunks();
            }
        }

        private void closeFullChunks() {
            // a chunk closes when its last byte is in; a trailing zero-length chunk closes with the one before it
            while (index < ranges.size() && position == ranges.get(index)[1]
                    && (ranges.get(index)[1] > ranges.get(index)[0] || position == size)) {
                long[] r = ranges.get(index++);
                chunks.add(new Chunk(r[0], r[1], digest.digest()));
            }
        }

        public ChunkTree finish() {
            closeFullChunks();
            if (position != size || index != ranges.size()) {
                throw new IllegalStateException(remaining() + " of " + size + " bytes are missing");
            }
            return new ChunkTree(size, chunks);
        }
    }

    /** Reads {@code length} bytes at {@code position} into {@code buf} (cleared, then flipped). */
    public static void readFully(FileChannel ch, long position, int length, ByteBuffer buf) throws IOException {
        buf.clear().limit(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("file shrank while it was read");
            }
        }
        buf.flip();
    }

    public long size() {
        return size;
    }

    public byte[] dataRoot() {
        return root.id().clone();
    }

    /** The chunks to upload: every chunk except a trailing zero-length one. */
    public List<Chunk> uploadChunks() {
        Chunk last = chunks.get(chunks.size() - 1);
        return last.length() == 0 ? chunks.subList(0, chunks.size() - 1) : chunks;
    }

    /** The data_path proof of chunk {@code index} (same order as {@link #uploadChunks()}). */
    public byte[] proof(int index) {
        return proofs.get(index).clone();
    }

    private void collectProofs(Node node, byte[] prefix) {
        if (node.leaf()) {
            proofs.add(concat(prefix, node.dataHash(), note(node.max())));
            return;
        }
        byte[] partial = concat(prefix, node.left().id(), node.right().id(), note(node.left().max()));
        collectProofs(node.left(), partial);
        collectProofs(node.right(), partial);
    }

    static byte[] note(long value) {
        byte[] out = new byte[NOTE_SIZE];
        long v = value;
        for (int i = NOTE_SIZE - 1; i >= NOTE_SIZE - 8; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
