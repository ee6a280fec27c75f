package dev.memos.ring;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An entry as stored: {@code u64 seq || u8 ring || nonce(12) || u32 len || AES-256-GCM(ciphertext||tag) || mac(32)}.
 * The GCM AAD and the MAC both bind the identity ID, seq and ring, so an entry cannot be moved to
 * another identity, position or ring without detection (FORMAT.md §10.3).
 */
public record SealedEntry(long seq, int ring, byte[] nonce, byte[] ciphertext, byte[] mac) {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String DOMAIN = "memos-ring-entry-v1";

    public SealedEntry {
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
        mac = mac.clone();
    }

    static SealedEntry seal(Entry e, String id, RingKeys keys) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        return seal(e, id, keys, nonce);
    }

    static SealedEntry seal(Entry e, String id, RingKeys keys, byte[] nonce) {
        byte[] ct = keys.encrypt(nonce, aad(id, e.seq(), e.ring()), e.canonical());
        return new SealedEntry(e.seq(), e.ring(), nonce, ct, keys.mac(aad(id, e.seq(), e.ring()), nonce, ct));
    }

    static byte[] aad(String id, long seq, int ring) {
        byte[] d = Bytes.utf8(DOMAIN);
        byte[] i = Bytes.utf8(id);
        return ByteBuffer.allocate(d.length + 1 + i.length + 9).put(d).put((byte) 0).put(i).putLong(seq).put((byte) ring).array();
    }

    /** Checks the MAC, then decrypts and checks that the plaintext agrees with the sealed header. */
    Entry open(String id, RingKeys keys) {
        String what = "memory entry #" + seq;
        byte[] aad = aad(id, seq, ring);
        if (!Bytes.same(mac, keys.mac(aad, nonce, ciphertext))) {
            throw MemosException.integrity(what + " fails its MAC (changed, or written on another device): "
                    + "restore the rings folder from a backup");
        }
        Entry e;
        try {
            e = Entry.fromJson(dev.memos.encoding.Json.mapper().readTree(keys.decrypt(nonce, aad, ciphertext, what)));
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof MemosException me) {
                throw me;
            }
            throw MemosException.integrity(what + " is not a valid entry: restore the rings folder from a backup");
        }
        if (e.seq() != seq || e.ring() != ring) {
            throw MemosException.integrity(what + " disagrees with its sealed header: restore the rings folder from a backup");
        }
        return e;
    }

    /** Bytes of the plaintext (ciphertext minus the 16-byte tag): counts toward the ring-0 cap. */
    int plainLength() {
        return ciphertext.length - 16;
    }

    byte[] encode() {
        return ByteBuffer.allocate(encodedLength()).putLong(seq).put((byte) ring).put(nonce)
                .putInt(ciphertext.length).put(ciphertext).put(mac).array();
    }

    int encodedLength() {
        return 8 + 1 + 12 + 4 + ciphertext.length + 32;
    }

    static SealedEntry decode(ByteBuffer in) {
        long seq = in.getLong();
        int ring = in.get() & 0xff;
        byte[] nonce = new byte[12];
        in.get(nonce);
        int len = in.getInt();
        if (len < 16 || len > in.remaining() - 32) {
            throw MemosException.integrity("a sealed memory entry has an impossible length: the rings file is damaged");
        }
        byte[] ct = new byte[len];
        in.get(ct);
        byte[] mac = new byte[32];
        in.get(mac);
        return new SealedEntry(seq, ring, nonce, ct, mac);
    }

    public static SealedEntry decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            SealedEntry e = decode(in);
            if (in.hasRemaining()) {
                throw MemosException.integrity("a sealed memory entry has trailing bytes");
            }
            return e;
        } catch (java.nio.BufferUnderflowException e) {
            throw MemosException.integrity("a sealed memory entry is truncated");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedEntry s && s.seq == seq && s.ring == ring && Arrays.equals(s.nonce, nonce)
                && Arrays.equals(s.ciphertext, ciphertext) && Arrays.equals(s.mac, mac);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(mac);
    }

    @Override
    public String toString() {
        return "SealedEntry[#" + seq + " ring " + ring + ", " + ciphertext.length + " bytes]";
    }
}
