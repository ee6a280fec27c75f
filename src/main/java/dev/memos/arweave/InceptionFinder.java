package dev.memos.arweave;

import dev.memos.identity.InceptionRecord;
import dev.memos.identity.InceptionRecords;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Lists an ID's inception records through GraphQL by their tags and downloads them from a gateway
 * (FORMAT.md §13.3). Tags and index order are only hints: {@link InceptionRecords#earliest} orders by
 * block height and checks every body.
 */
public final class InceptionFinder implements InceptionRecords.Source {
    private final Discovery discovery;
    private final ArweaveGateway gateway;

    public InceptionFinder(Discovery discovery, ArweaveGateway gateway) {
        this.discovery = discovery;
        this.gateway = gateway;
    }

    public static InceptionFinder of(Network network) {
        return new InceptionFinder(network.discovery(), network.gateways().get(0));
    }

    @Override
    public List<InceptionRecords.Candidate> candidates(String id) {
        return discovery.find(InceptionRecord.tags(id)).stream()
                .filter(h -> h.id().matches("[A-Za-z0-9_-]{43}"))
                .map(h -> new InceptionRecords.Candidate(h.id(), h.height()))
                .toList();
    }

    @Override
    public Optional<byte[]> data(String txId, int maxBytes) {
        Optional<InputStream> in = gateway.data(txId);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(s.readNBytes(maxBytes + 1));
        } catch (IOException e) {
            throw dev.memos.error.MemosException.network("cannot read inception record " + txId + " from " + gateway.base()
                    + " (" + e.getMessage() + ")", e);
        }
    }
}
