package dev.memos.snapshot;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Hkdf;
import dev.memos.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys of FORMAT.md §14.1. The root key {@code K} is derived exactly as the original MemOS does
 * (HKDF-SHA256, salt "memos-v2", info "memos:encryption:" + the LOWER-CASE address), unlike the
 * version-1 bundles of §2, which put the checksummed address there and so got another key. Every
 * snapshot key comes from K under its own label, so no two uses ever share a key. Holds secrets:
 * close it when done; it never prints them.
 */
public final class SnapshotKeys implements AutoCloseable {
    static final String SALT = "memos-v2";
    static final String ROOT_INFO = "memos:encryption:";
    static final String LABEL = "memos:snapshot:v1:";
    static final int GEAR_BYTES = 256 * 8;

    private final String address;
    private final SecretBytes root;
    private final SecretBytes chunkId;
    private final SecretBytes gearSeed;
    private final SecretBytes pack;
    private final SecretBytes snapshotMac;
    private final SecretBytes snapshotEnc;
    private final SecretBytes identities;

    private SnapshotKeys(String address, SecretBytes root) {
        this.address = address;
        this.root = root;
        this.chunkId = sub("chunk-id");
        this.gearSeed = sub("gear-seed");
        this.pack = sub("pack");
        this.snapshotMac = sub("snapshot-mac");
        this.snapshotEnc = sub("snapshot-enc");
        this.identities = sub("identities");
    }

    public static SnapshotKeys derive(EthPrivateKey key) {
        String lower = key.address().lowercase();
        return new SnapshotKeys(key.address().checksummed(), Hkdf.derive(key.secret(), SALT, ROOT_INFO + lower, 32));
    }

    /**
     * The keys of an old address from its root key K alone, as a key handover hands K over
     * (FORMAT.md §14.12): enough to open and check that address's snapshots, never to sign new ones.
     * Takes ownership of {@code root}.
     */
    static SnapshotKeys fromRoot(String checksummedAddress, SecretBytes root) {
        return new SnapshotKeys(checksummedAddress, root);
    }

    /** A key handover's own keys, derived from K under their labels (FORMAT.md §14.12). */
    SecretBytes handoverKey(String label) {
        return sub(label);
    }

    private SecretBytes sub(String label) {
        return Hkdf.derive(root, SALT, LABEL + label, 32);
    }

    /** EIP-55 address of the key. */
    public String address() {
        return address;
    }

    /** K, exposed for the published vectors (it equals the original MemOS's encryption key). */
    public SecretBytes rootKey() {
        return root;
    }

    SecretBytes chunkIdKey() {
        return chunkId;
    }

    SecretBytes gearSeed() {
        return gearSeed;
    }

    SecretBytes packKey() {
        return pack;
    }

    SecretBytes snapshotMacKey() {
        return snapshotMac;
    }

    SecretBytes snapshotEncKey() {
        return snapshotEnc;
    }

    /** The AES-256-GCM key of the identity archive a snapshot carries (FORMAT.md §14.10). */
    public SecretBytes identitiesKey() {
        return identities;
    }

    /** The 256 gear values: HKDF(gear_seed, "memos-v2", "memos:snapshot:v1:gear-table", 2048) as u64be. */
    public long[] gearTable() {
        try (SecretBytes bytes = Hkdf.derive(gearSeed, SALT, LABEL + "gear-table", GEAR_BYTES)) {
            byte[] raw = bytes.reveal();
            long[] table = new long[256];
            for (int i = 0; i < 256; i++) {
                long v = 0;
                for (int j = 0; j < 8; j++) {
                    v = (v << 8) | (raw[8 * i + j] & 0xff);
                }
                table[i] = v;
            }
            Arrays.fill(raw, (byte) 0);
            return table;
        }
    }

    /** A per-object key: HKDF(base, salt = the object's 32-byte salt, info = label). */
    static SecretBytes perObject(SecretBytes base, byte[] salt, String label) {
        byte[] ikm = base.reveal();
        try {
            return Hkdf.derive(ikm, salt, (LABEL + label).getBytes(StandardCharsets.US_ASCII), 32);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    @Override
    public void close() {
        for (SecretBytes s : new SecretBytes[] {root, chunkId, gearSeed, pack, snapshotMac, snapshotEnc, identities}) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "SnapshotKeys[" + address + ", redacted]";
    }
}
