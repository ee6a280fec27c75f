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

    public static ArweaveGateway gateway() {
        return ArweaveGateway.builder().base(url()).build();
    }
}
