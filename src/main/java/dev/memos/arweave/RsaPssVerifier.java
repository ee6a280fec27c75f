package dev.memos.arweave;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;

/**
 * Checks an Arweave RSA-PSS signature against an owner (modulus, e = 65537). Arweave nodes accept
 * any salt length, and wallets use 0, 32 or the maximum; Java needs it stated, so we try those.
 */
public final class RsaPssVerifier {
    private RsaPssVerifier() {
    }

    public static boolean verify(byte[] owner, byte[] message, byte[] signature) {
        try {
            PublicKey pub = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(new BigInteger(1, owner), BigInteger.valueOf(65537)));
            int max = owner.length - 32 - 2;
            for (int salt : new int[] {JwkWallet.SALT_LENGTH, 0, max}) {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(JwkWallet.pss(salt));
                s.initVerify(pub);
                s.update(message);
                if (s.verify(signature)) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
