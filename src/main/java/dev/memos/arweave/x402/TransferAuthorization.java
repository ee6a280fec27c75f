package dev.memos.arweave.x402;

import dev.memos.crypto.EthAddress;
import dev.memos.crypto.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * EIP-3009 TransferWithAuthorization and its EIP-712 digest:
 * keccak256(0x1901 || domainSeparator || structHash), domain
 * EIP712Domain(string name,string version,uint256 chainId,address verifyingContract).
 */
public record TransferAuthorization(EthAddress from, EthAddress to, BigInteger value, long validAfter, long validBefore,
                                    byte[] nonce) {
    static final byte[] DOMAIN_TYPE = Keccak.keccak256(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.US_ASCII));
    static final byte[] TRANSFER_TYPE = Keccak.keccak256(("TransferWithAuthorization(address from,address to,uint256 value,"
            + "uint256 validAfter,uint256 validBefore,bytes32 nonce)").getBytes(StandardCharsets.US_ASCII));

    public TransferAuthorization {
        if (nonce.length != 32) {
            throw new IllegalArgumentException("nonce is 32 bytes");
        }
        nonce = nonce.clone();
    }

    public static byte[] domainSeparator(String name, String version, long chainId, EthAddress contract) {
        return Keccak.keccak256(DOMAIN_TYPE, Keccak.keccak256(name.getBytes(StandardCharsets.UTF_8)),
                Keccak.keccak256(version.getBytes(StandardCharsets.UTF_8)), word(BigInteger.valueOf(chainId)), word(contract));
    }

    public byte[] structHash() {
        return Keccak.keccak256(TRANSFER_TYPE, word(from), word(to), word(value), word(BigInteger.valueOf(validAfter)),
                word(BigInteger.valueOf(validBefore)), nonce);
    }

    public byte[] digest(byte[] domainSeparator) {
        return Keccak.keccak256(new byte[] {0x19, 0x01}, domainSeparator, structHash());
    }

    static byte[] word(EthAddress a) {
        byte[] out = new byte[32];
        System.arraycopy(a.bytes(), 0, out, 12, 20);
        return out;
    }

    static byte[] word(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("uint256 out of range");
        }
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
