package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import java.net.URI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The anchor's GraphQL query is accepted by the local devnet (publishing waits for the Arweave client). */
@Tag("arlocal")
class ArweaveAnchorDevnetTest {
    @Test
    void devnet_accepts_the_anchor_query() {
        URI devnet = URI.create(System.getenv().getOrDefault("MEMOS_DEVNET_URL", "http://127.0.0.1:1984"));
        try (Ed25519 fresh = Ed25519.generate()) {
            ArweaveGateway gateway = ArweaveGateway.builder().base(devnet).build();
            ArweaveCheckpointAnchor anchor = new ArweaveCheckpointAnchor(new Discovery(gateway, Retry.NONE), gateway, (d, t) -> {
                throw new UnsupportedOperationException("not wired");
            });
            assertTrue(anchor.fetchLatest("home", SignatureAlgorithm.ED25519, fresh.publicKey()).isEmpty());
        }
    }
}
