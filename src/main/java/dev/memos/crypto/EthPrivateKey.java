package dev.memos.crypto;

import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 private key. Parsing never repeats the input in an error, and {@code toString}
 * shows only the address, which is public.
 */
public final class EthPrivateKey implements AutoCloseable {
    /** The variable it is read from, by {@link EnvSecrets} only. */
    public static final String ENV = "ETH_PRIVATE_KEY";
    static final X9ECParameters CURVE = SECNamedCurves.getByName("secp256k1");

    private final SecretBytes scalar;
    private final byte[] publicKey;
    private final EthAddress address;

    private EthPrivateKey(SecretBytes scalar, byte[] publicKey) {
        this.scalar = scalar;
        this.publicKey = publicKey;
        this.address = EthAddress.fromPublicKey(publicKey);
    }

    /** Parses 64 hex digits with or without 0x; the char array is not retained. */
    public static EthPrivateKey parse(CharSequence hex) {
        String trimmed = hex.toString().strip();
        byte[] raw;
        try {
            raw = Hex.decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw MemosException.usage("the Ethereum private key is not hex: set " + ENV + " to 64 hex digits (0x optional)");
        }
        if (raw.length != 32) {
            Arrays.fill(raw, (byte) 0);
            throw MemosException.usage("the Ethereum private key must be 32 bytes (64 hex digits), got " + raw.length + " bytes");
        }
        return fromBytes(raw);
    }

    /** Takes ownership of the 32-byte array. */
    public static EthPrivateKey fromBytes(byte[] raw) {
        BigInteger k = new BigInteger(1, raw);
        if (k.signum() == 0 || k.compareTo(CURVE.getN()) >= 0) {
            Arrays.fill(raw, (byte) 0);
            throw MemosException.usage("the Ethereum private key is not a valid secp256k1 key (zero or not below the curve order)");
        }
        ECPoint q = CURVE.getG().multiply(k).normalize();
        return new EthPrivateKey(SecretBytes.adopt(raw), q.getEncoded(false));
    }

    public EthAddress address() {
        return address;
    }

    /** 65-byte uncompressed public key (0x04 || X || Y). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * A copy of the raw 32 bytes that the caller owns and closes (try-with-resources); closing it
     * wipes only the copy, never this key's own bytes.
     */
    public SecretBytes secret() {
        return SecretBytes.adopt(scalar.reveal());
    }

    /** Whether {@link #close()} has wiped this key (the session's lock and idle timeout do). */
    public boolean isWiped() {
        return scalar.isWiped();
    }

    @Override
    public void close() {
        scalar.close();
    }

    @Override
    public String toString() {
        return "EthPrivateKey[" + address + "]";
    }
}
