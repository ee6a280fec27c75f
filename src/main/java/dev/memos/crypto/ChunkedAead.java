package dev.memos.crypto;

import dev.memos.error.MemosException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STREAM construction over ChaCha20-Poly1305 (docs/FORMAT.md §3.2): chunk {@code i} is sealed
 * with nonce {@code u88be(i) || flag}, flag 1 only on the last chunk, and the same associated data
 * (the bundle header) on every chunk. The key must be fresh per stream, which is why the nonce
 * carries no random part. One instance seals or opens one chunk at a time and is not thread-safe.
 */
public final class ChunkedAead {
    public static final int TAG_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;

    private final SecretKeySpec key;
    private final byte[] aad;
    private Cipher cipher;
    private long lastOpened = -1;
    private boolean lastOpenedFlag;

    public ChunkedAead(SecretBytes key32, byte[] aad) {
        this.key = ChaCha20Poly1305.keySpec(key32);
        this.aad = aad.clone();
        this.cipher = newCipher();
    }

    private static Cipher newCipher() {
        return ChaCha20Poly1305.newCipher();
    }

    public static byte[] nonce(long index, boolean last) {
        if (index < 0) {
            throw new IllegalArgumentException("chunk index overflow");
        }
        byte[] n = new byte[NONCE_LENGTH];
        for (int i = 0; i < 8; i++) {
            n[10 - i] = (byte) (index >>> (8 * i));
        }
        n[11] = (byte) (last ? 1 : 0);
        return n;
    }

    /** Seals {@code len} bytes of {@code in} into {@code out} (len + 16 bytes); returns the output length. */
    public int seal(long index, boolean last, byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce(index, last)));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a chunk failed", e);
        }
    }

    /**
     * Opens one chunk (ciphertext || tag) into {@code out}; returns the plaintext length. A failed
     * tag is an integrity error naming the chunk, and no plaintext of that chunk is released.
     */
    public int open(long index, boolean last, byte[] in, int off, int len, byte[] out, int outOff) {
        if (len < TAG_LENGTH) {
            throw MemosException.integrity("the bundle is truncated inside chunk " + index + ": get an intact copy");
        }
        if (index == lastOpened && last == lastOpenedFlag) {
            // The JDK refuses to re-initialise with the same key and nonce, even to decrypt again.
            cipher = newCipher();
        }
        lastOpened = index;
        lastOpenedFlag = last;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce(index, last)));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw MemosException.integrity("chunk " + index + " of the bundle failed authentication"
                    + (last ? " as the last chunk" : "") + ": the bundle was altered, truncated or mixed with another; get an intact copy");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening a chunk failed", e);
        }
    }

    @Override
    public String toString() {
        return "ChunkedAead[redacted]";
    }
}
