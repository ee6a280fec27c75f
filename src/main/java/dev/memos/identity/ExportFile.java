package dev.memos.identity;

import dev.memos.crypto.AesGcm;
import dev.memos.crypto.Hash;
import dev.memos.crypto.Hkdf;
import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import dev.memos.error.MemosException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The encrypted envelope of an identity export (docs/FORMAT.md §9): a 63-byte header (magic,
 * version, Argon2id parameters, salt, nonce, key check), then AES-256-GCM over the payload with the
 * whole header as AAD. The key check (16 bytes of HKDF output) tells a wrong passphrase (AUTH) from
 * a damaged file (INTEGRITY) and commits the file to one key.
 */
final class ExportFile {
    static final byte[] MAGIC = "MOCIEXP\u0000".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int KDF_ARGON2ID = 1;
    static final int SALT = 16;
    static final int CHECK = 16;
    static final int HEADER = MAGIC.length + 1 + 1 + 4 + 4 + 1 + SALT + AesGcm.NONCE + CHECK;
    /** Refuse absurd files before spending memory on them. */
    static final long MAX_SIZE = 512L * 1024 * 1024;

    private ExportFile() {
    }

    static byte[] seal(byte[] payload, Passphrase passphrase, Argon2Params params, SecureRandom random) {
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[AesGcm.NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        return seal(payload, passphrase, params, salt, nonce);
    }

    /** Deterministic form for test vectors. */
    static byte[] seal(byte[] payload, Passphrase passphrase, Argon2Params params, byte[] salt, byte[] nonce) {
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        h.put(MAGIC).put((byte) VERSION).put((byte) KDF_ARGON2ID).putInt(params.memoryKib()).putInt(params.iterations())
                .put((byte) params.parallelism()).put(salt).put(nonce);
        try (SecretBytes master = params.derive(passphrase, salt);
             SecretBytes enc = Hkdf.derive(master, "memos-export-v1", "encrypt", 32);
             SecretBytes check = Hkdf.derive(master, "memos-export-v1", "check", CHECK)) {
            byte[] c = check.reveal();
            h.put(c);
            Arrays.fill(c, (byte) 0);
            byte[] header = h.array();
            byte[] ct = AesGcm.seal(enc, nonce, header, payload);
            byte[] out = Arrays.copyOf(header, HEADER + ct.length);
            System.arraycopy(ct, 0, out, HEADER, ct.length);
            return out;
        }
    }

    /** The payload, or AUTH (wrong passphrase) / INTEGRITY (damaged, truncated, unknown version). */
    static byte[] open(byte[] file, Passphrase passphrase) {
        if (file.length < HEADER + AesGcm.TAG) {
            throw MemosException.integrity("not a memos identity export, or truncated (" + file.length + " bytes)");
        }
        ByteBuffer h = ByteBuffer.wrap(file, 0, HEADER);
        byte[] magic = new byte[MAGIC.length];
        h.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw MemosException.integrity("not a memos identity export (bad magic)");
        }
        int version = h.get() & 0xFF;
        if (version != VERSION) {
            throw MemosException.integrity("export format version " + version + " is not supported (this memos reads "
                    + VERSION + "): update memos, or the file is damaged");
        }
        int kdf = h.get() & 0xFF;
        if (kdf != KDF_ARGON2ID) {
            throw MemosException.integrity("unknown key derivation " + kdf + " in the export header: the file is damaged");
        }
        Argon2Params params;
        try {
            params = new Argon2Params(h.getInt(), h.getInt(), h.get() & 0xFF);
        } catch (IllegalArgumentException e) {
            throw MemosException.integrity("export header has invalid Argon2id parameters: the file is damaged");
        }
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[AesGcm.NONCE];
        byte[] check = new byte[CHECK];
        h.get(salt).get(nonce).get(check);
        try (SecretBytes master = params.derive(passphrase, salt);
             SecretBytes enc = Hkdf.derive(master, "memos-export-v1", "encrypt", 32);
             SecretBytes expected = Hkdf.derive(master, "memos-export-v1", "check", CHECK)) {
            byte[] e = expected.reveal();
            boolean ok = Hash.equal(e, check);
            Arrays.fill(e, (byte) 0);
            if (!ok) {
                throw MemosException.auth("wrong export passphrase (or a damaged header): nothing was imported");
            }
            byte[] header = Arrays.copyOf(file, HEADER);
            byte[] pt = AesGcm.open(enc, nonce, header, Arrays.copyOfRange(file, HEADER, file.length)).orElse(null);
            if (pt == null) {
                throw MemosException.integrity("the export file is damaged or truncated (authentication failed): nothing was imported");
            }
            return pt;
        }
    }
}
