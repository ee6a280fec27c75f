package dev.memos.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies signatures given only algorithm, public key bytes, message and signature. Ed25519 runs on
 * BouncyCastle's implementation (about ten times the JDK's verification rate here); P-256 on the JDK.
 */
public final class Signatures {
    private Signatures() {
    }

    public static boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
        return switch (algorithm) {
            case ED25519 -> verifyEd25519(publicKey, message, signature);
            case ECDSA_P256 -> verifyP256(publicKey, message, signature);
            case ETH_PERSONAL_SIGN -> publicKey.length == 20 && signature.length == 65
                    && EthVerifier.verifyPersonalMessage(EthAddress.of(publicKey), message, signature);
        };
    }

    static boolean verifyEd25519(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        try {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            v.update(message, 0, message.length);
            return v.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean verifyP256(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != 65 || publicKey[0] != 4 || signature.length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initVerify(p256PublicKey(publicKey));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The JDK public key object of a 65-byte uncompressed P-256 point. */
    public static PublicKey p256PublicKey(byte[] uncompressed) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
    }
}
