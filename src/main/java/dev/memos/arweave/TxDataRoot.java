package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Base64Url;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The data_root and data_size of an L1 transaction, taken from a header (GET /tx/{id}) only once
 * its RSA-PSS signature verifies for its owner and SHA-256(signature) is the id asked for: the id
 * then vouches for the root, so a gateway cannot serve other bytes with a header to match.
 */
public record TxDataRoot(String id, byte[] dataRoot, long dataSize) {

    /**
     * The verified root of {@code id} from the first gateway that has a header; empty when none
     * has one (a bundled data item, an unmined or unknown id). A header that does not verify is
     * skipped; if no gateway gave a good one but some gave a bad one, that is INTEGRITY.
     */
    public static Optional<TxDataRoot> lookup(List<ArweaveGateway> gateways, Retry retry, String id) {
        List<String> forged = new ArrayList<>();
        MemosException network = null;
        for (ArweaveGateway g : gateways) {
            Optional<JsonNode> header;
            try {
                header = retry.run(() -> g.transaction(id));
            } catch (MemosException e) {
                if (e.kind() != ErrorKind.NETWORK) {
                    throw e;
                }
                network = e;
                continue;
            }
            if (header.isEmpty() || header.get().path("format").asInt() != 2) {
                continue; // format 1 carries its data in the header, a data item has no header: not ours to check
            }
            Optional<TxDataRoot> root = verified(id, header.get());
            if (root.isPresent()) {
                return root;
            }
            forged.add(g.base().toString());
        }
        if (!forged.isEmpty()) {
            throw MemosException.integrity("the transaction header of " + id + " from " + forged.get(0)
                    + " is not signed for that id: the gateway is lying or broken; use another gateway");
        }
        if (network != null) {
            throw network;
        }
        return Optional.empty();
    }

    /** The root of a header JSON if its signature and id check out. */
    static Optional<TxDataRoot> verified(String id, JsonNode header) {
        L1Transaction tx;
        try {
            tx = L1Transaction.fromJson(header);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (tx.signature() == null || tx.signature().length == 0 || !tx.id().equals(id) || !tx.verify() || tx.dataSize() < 0) {
            return Optional.empty();
        }
        return Optional.of(new TxDataRoot(id, tx.dataRoot(), tx.dataSize()));
    }

    public TxDataRoot {
        dataRoot = dataRoot.clone();
    }

    @Override
    public byte[] dataRoot() {
        return dataRoot.clone();
    }

    /** A fresh check for one download attempt. */
    public Check check() {
        return new Check();
    }

    /** Counts and chunk-hashes the bytes of one attempt; refuses one byte more than data_size at once. */
    public final class Check {
        private final ChunkTree.Hasher hasher = ChunkTree.hasher(dataSize);

        private Check() {
        }

        public void update(byte[] b, int off, int len) {
            if (len > hasher.remaining()) {
                throw MemosException.integrity("the gateway sent more than the " + dataSize + " bytes the transaction "
                        + id + " holds");
            }
            hasher.update(b, off, len);
        }

        public void finish() {
            if (hasher.remaining() > 0) {
                throw MemosException.integrity("the gateway sent " + (dataSize - hasher.remaining()) + " bytes, but transaction "
                        + id + " holds " + dataSize);
            }
            // an empty transaction has the empty string as its root (arweave-js), not the hash of an empty chunk
            byte[] actual = dataSize == 0 ? new byte[0] : hasher.finish().dataRoot();
            if (!Arrays.equals(actual, dataRoot)) {
                throw MemosException.integrity("the bytes have data_root " + Base64Url.encode(actual) + ", but transaction "
                        + id + " signs " + Base64Url.encode(dataRoot) + ": they are not its data");
            }
        }
    }
}
