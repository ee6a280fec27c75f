package dev.memos.arweave;

import dev.memos.error.MemosException;
import java.util.Optional;

/**
 * Not found / Pending / Confirmed (n) for an id. GET /tx/{id}/status answers for L1 transactions;
 * bundled items have no status endpoint, so an id the node does not know is looked up in the
 * index, and its block height gives the confirmations.
 */
public final class StatusLookup {
    private final Network network;

    public StatusLookup(Network network) {
        this.network = network;
    }

    public TxStatus status(String id) {
        TxStatus direct = network.downloader().status(id);
        if (direct.state() != TxStatus.State.NOT_FOUND) {
            return direct;
        }
        Optional<Discovery.Hit> hit;
        try {
            hit = network.discovery().byId(id);
        } catch (MemosException e) {
            return direct;
        }
        if (hit.isEmpty()) {
            return direct;
        }
        if (hit.get().height() == null) {
            return TxStatus.pending();
        }
        long height = network.retry().run(() -> network.node().info()).path("height").asLong(-1);
        return height < hit.get().height() ? TxStatus.confirmed(1) : TxStatus.confirmed(height - hit.get().height() + 1);
    }
}
