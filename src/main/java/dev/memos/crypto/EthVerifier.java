package dev.memos.crypto;

import dev.memos.crypto.internal.Web3jEthSigner;
import java.nio.charset.StandardCharsets;

/** Checks Ethereum signatures by public-key recovery; needs no secret, so anyone can run it. */
public final class EthVerifier {
    private EthVerifier() {
    }

    /** keccak256("\x19Ethereum Signed Message:\n" || len || message): the EIP-191 version 0x45 digest. */
    public static byte[] personalMessageDigest(byte[] message) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
        return Keccak.keccak256(prefix, message);
    }

    /** The address that made a 65-byte signature over a 32-byte digest; rejects high-s and bad v. */
    public static EthAddress recover(byte[] digest32, byte[] signature65) {
        return Web3jEthSigner.recover(digest32, signature65);
    }

    public static boolean verifyPersonalMessage(EthAddress expected, byte[] message, byte[] signature65) {
        try {
            return recover(personalMessageDigest(message), signature65).equals(expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
