package dev.memos.arweave;

import java.net.URI;

/** The arlocal node that tests tagged "arlocal" talk to. */
public final class Devnet {
    private Devnet() {
    }

    public static URI url() {
        String v = System.getenv("MEMOS_DEVNET_URL");
        return URI.create(v == null || v.isBlank() ? "http://127.0.0.1:1984" : v);
    }

    /**
     * A random Ethereum key whose first byte is {@code tag}: a new home continues the chain its key
     * finds on the shared devnet, so a test that counts sequences needs a key no other run used.
     */
    public static dev.memos.crypto.EthPrivateKey freshKey(int tag) {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        k[0] = (byte) tag;
        return dev.memos.crypto.EthPrivateKey.fromBytes(k);
    }

    public static ArweaveGateway gateway() {
        return ArweaveGateway.builder().base(url()).build();
    }
}
