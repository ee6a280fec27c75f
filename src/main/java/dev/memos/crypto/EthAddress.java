package dev.memos.crypto;

import dev.memos.encoding.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A 20-byte Ethereum address; prints in EIP-55 mixed-case checksum form. */
public final class EthAddress {
    private final byte[] bytes;

    private EthAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    public static EthAddress of(byte[] twentyBytes) {
        if (twentyBytes.length != 20) {
            throw new IllegalArgumentException("an Ethereum address has 20 bytes, not " + twentyBytes.length);
        }
        return new EthAddress(twentyBytes.clone());
    }

    /** Address of an uncompressed secp256k1 public key (65 bytes with 0x04, or the 64 without). */
    public static EthAddress fromPublicKey(byte[] publicKey) {
        byte[] xy = publicKey.length == 65 ? Arrays.copyOfRange(publicKey, 1, 65) : publicKey;
        if (xy.length != 64) {
            throw new IllegalArgumentException("uncompressed secp256k1 public key expected");
        }
        byte[] hash = Keccak.keccak256(xy);
        return new EthAddress(Arrays.copyOfRange(hash, 12, 32));
    }

    /**
     * Parses 0x-prefixed hex. All-lower or all-upper case is accepted as is; mixed case must carry
     * a valid EIP-55 checksum, which catches typos in a pasted address.
     */
    public static EthAddress parse(String text) {
        if (text == null || !text.startsWith("0x") || text.length() != 42) {
            throw new IllegalArgumentException("an Ethereum address is 0x followed by 40 hex digits");
        }
        EthAddress address = of(Hex.decode(text));
        String body = text.substring(2);
        boolean mixed = !body.equals(body.toLowerCase()) && !body.equals(body.toUpperCase());
        if (mixed && !address.checksummed().equals(text)) {
            throw new IllegalArgumentException("Ethereum address fails its EIP-55 checksum: check for a typo");
        }
        return address;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** EIP-55: upper-case a hex letter where the matching nibble of keccak(lower-case hex) is >= 8. */
    public String checksummed() {
        String lower = Hex.encode(bytes);
        byte[] hash = Keccak.keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    public String lowercase() {
        return "0x" + Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return checksummed();
    }
}
