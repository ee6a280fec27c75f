package dev.memos.backup;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Hash;
import dev.memos.crypto.Hkdf;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys of FORMAT.md §2, derived from an Ethereum private key: {@code K_enc} exactly as the seed
 * (HKDF-SHA256, salt "memos-v2", info "memos:encryption:" + EIP-55 address), and from it the
 * per-address manifest MAC key and the per-bundle header-MAC and payload keys. Holds secrets:
 * close it when done; it never prints them.
 */
public final class BundleKeys implements AutoCloseable {
    static final String SEED_SALT = "memos-v2";
    static final String ENC_INFO = "memos:encryption:";
    static final String MAC_INFO = "memos:v1:manifest-mac";
    static final String HDR_INFO = "memos:v1:header-mac";
    static final String PAY_INFO = "memos:v1:payload";

    private final String address;
    private final SecretBytes encryptionKey;
    private final SecretBytes macKey;

    private BundleKeys(String address, SecretBytes encryptionKey) {
        this.address = address;
        this.encryptionKey = encryptionKey;
        this.macKey = Hkdf.derive(encryptionKey, SEED_SALT, MAC_INFO, 32);
    }

    public static BundleKeys derive(EthPrivateKey key) {
        String address = key.address().checksummed();
        try (SecretBytes scalar = key.secret()) {
            return new BundleKeys(address, Hkdf.derive(scalar, SEED_SALT, ENC_INFO + address, 32));
        }
    }

    /** EIP-55 address the keys belong to. */
    public String address() {
        return address;
    }

    /** K_enc of the seed; exposed for the published vectors. */
    public SecretBytes encryptionKey() {
        return encryptionKey;
    }

    SecretBytes macKey() {
        return macKey;
    }

    SecretBytes headerKey(byte[] salt) {
        return perBundle(salt, HDR_INFO);
    }

    SecretBytes payloadKey(byte[] salt) {
        return perBundle(salt, PAY_INFO);
    }

    private SecretBytes perBundle(byte[] salt, String info) {
        byte[] ikm = encryptionKey.reveal();
        try {
            return Hkdf.derive(ikm, salt, info.getBytes(StandardCharsets.US_ASCII), 32);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** HMAC-SHA256 of {@code ascii(label) || data} under K_mac. */
    byte[] manifestMac(String label, byte[] data) {
        return hmac(macKey, label.getBytes(StandardCharsets.US_ASCII), data);
    }

    boolean checkManifestMac(String label, byte[] data, byte[] mac) {
        return Hash.equal(manifestMac(label, data), mac);
    }

    static byte[] hmac(SecretBytes key, byte[]... parts) {
        return HmacSha256.mac(key, parts);
    }

    @Override
    public void close() {
        encryptionKey.close();
        macKey.close();
    }

    @Override
    public String toString() {
        return "BundleKeys[" + address + ", redacted]";
    }
}
