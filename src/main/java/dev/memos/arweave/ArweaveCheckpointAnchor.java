package dev.memos.arweave;

import dev.memos.audit.Checkpoint;
import dev.memos.audit.CheckpointAnchor;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CheckpointAnchor} on Arweave (FORMAT.md §12.9). Publishing goes through an {@link Uploader}
 * (the caller signs and posts a tagged data item); finding uses this package's {@link Discovery}
 * (GraphQL by tags) and {@link ArweaveGateway#data}, so verification needs no wallet and audit has
 * no HTTP client of its own. {@code audit.FileCheckpointAnchor} remains for {@code audit.anchor-dir}.
 */
public final class ArweaveCheckpointAnchor implements CheckpointAnchor {
    static final int MAX_CANDIDATES = 2_000;
    private static final int MAX_CHECKPOINT_BYTES = 4096;

    /** Signs and uploads {@code data} with {@code tags} as one data item; returns its id. */
    @FunctionalInterface
    public interface Uploader {
        String upload(byte[] data, Map<String, String> tags);
    }

    private final Discovery discovery;
    private final ArweaveGateway gateway;
    private final Uploader uploader;

    public ArweaveCheckpointAnchor(Discovery discovery, ArweaveGateway gateway, Uploader uploader) {
        this.discovery = discovery;
        this.gateway = gateway;
        this.uploader = uploader;
    }

    /** Over the first gateway of {@code network}, where checkpoints are published and searched. */
    public static ArweaveCheckpointAnchor of(Network network, Uploader uploader) {
        return new ArweaveCheckpointAnchor(network.discovery(), network.gateways().get(0), uploader);
    }

    /** The tags of a published checkpoint: what {@link #fetchLatest} searches for. */
    public static Map<String, String> tags(Checkpoint cp) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("App-Name", "memos");
        t.put("Content-Type", "application/json");
        t.putAll(searchTags(cp.log(), cp.publicKey()));
        t.put("Memos-Size", Long.toString(cp.size()));
        return t;
    }

    private static Map<String, String> searchTags(String logId, byte[] publicKey) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("Memos-Type", "audit-checkpoint");
        t.put("Memos-Log", logId);
        t.put("Memos-Key", keyTag(publicKey));
        return t;
    }

    static String keyTag(byte[] publicKey) {
        return Base64Url.encode(Hash.sha256().digest(publicKey));
    }

    @Override
    public String publish(Checkpoint checkpoint) {
        return "ar:" + uploader.upload(checkpoint.toBytes(), tags(checkpoint));
    }

    @Override
    public Optional<Checkpoint> fetchLatest(String logId, SignatureAlgorithm algorithm, byte[] publicKey) {
        List<byte[]> candidates = new ArrayList<>();
        for (Discovery.Hit hit : discovery.find(searchTags(logId, publicKey))) {
            if (candidates.size() >= MAX_CANDIDATES) {
                break;
            }
            if (hit.id().matches("[A-Za-z0-9_-]{43}")) {
                get(hit.id()).ifPresent(candidates::add);
            }
        }
        // The index is only a hint: every candidate's signature, log and key are checked.
        return CheckpointAnchor.newestValid(candidates, logId, algorithm, publicKey);
    }

    private Optional<byte[]> get(String id) {
        Optional<InputStream> in = gateway.data(id);
        if (in.isEmpty()) {
            return Optional.empty(); // not yet served: others may still be found
        }
        try (InputStream s = in.get()) {
            byte[] body = s.readNBytes(MAX_CHECKPOINT_BYTES + 1);
            return body.length <= MAX_CHECKPOINT_BYTES ? Optional.of(body) : Optional.empty();
        } catch (IOException e) {
            throw MemosException.network("cannot fetch " + id + " from " + gateway.base() + " (" + e.getMessage() + ")", e);
        }
    }
}
