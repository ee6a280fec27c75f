package dev.memos.crypto.internal;

import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.EthVerifier;
import dev.memos.crypto.SecretBytes;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/** web3j does secp256k1 with RFC 6979 nonces and low-s normalisation; we only adapt its types. */
public final class Web3jEthSigner implements EthSigner {
    private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private final EthPrivateKey key;

    public Web3jEthSigner(EthPrivateKey key) {
        this.key = key;
    }

    @Override
    public EthAddress address() {
        return key.address();
    }

    @Override
    public byte[] publicKey() {
        return key.publicKey();
    }

    @Override
    public byte[] signPersonalMessage(byte[] message) {
        return signDigest(EthVerifier.personalMessageDigest(message));
    }

    @Override
    public byte[] signDigest(byte[] digest32) {
        if (digest32.length != 32) {
            throw new IllegalArgumentException("a digest to sign has 32 bytes");
        }
        byte[] raw;
        try (SecretBytes copy = key.secret()) {
            raw = copy.reveal();
        }
        try {
            ECKeyPair pair = ECKeyPair.create(new BigInteger(1, raw));
            Sign.SignatureData sig = Sign.signMessage(digest32, pair, false);
            byte[] out = new byte[65];
            System.arraycopy(sig.getR(), 0, out, 0, 32);
            System.arraycopy(sig.getS(), 0, out, 32, 32);
            out[64] = sig.getV()[0];
            return out;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public static EthAddress recover(byte[] digest32, byte[] sig) {
        if (sig.length != 65 || digest32.length != 32) {
            throw new IllegalArgumentException("signature must be 65 bytes over a 32-byte digest");
        }
        int v = sig[64] & 0xff;
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v must be 27 or 28");
        }
        byte[] r = Arrays.copyOfRange(sig, 0, 32);
        byte[] s = Arrays.copyOfRange(sig, 32, 64);
        if (new BigInteger(1, s).compareTo(HALF_N) > 0) {
            throw new IllegalArgumentException("signature s is not in the lower half of the curve order");
        }
        try {
            BigInteger pub = Sign.signedMessageHashToKey(digest32, new Sign.SignatureData((byte) v, r, s));
            byte[] xy = toFixed(pub, 64);
            return EthAddress.fromPublicKey(xy);
        } catch (java.security.SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("signature does not recover to a public key", e);
        }
    }

    private static byte[] toFixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    @Override
    public String toString() {
        return "EthSigner[" + key.address() + "]";
    }
}
