package dev.memos.app.legacy;

import dev.memos.arweave.ArweaveGateway;
import dev.memos.app.backup.BundleRestores;
import dev.memos.arweave.Discovery;
import dev.memos.arweave.Network;
import dev.memos.backup.legacy.LegacyKeys;
import dev.memos.backup.legacy.LegacyManifest;
import dev.memos.backup.legacy.LegacyOpener;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the original MemOS's backups of this key on Arweave (FORMAT.md §16.6). The index only
 * proposes: manifest items tagged {@code App-Name: MEMOS}, {@code Type: manifest} and either
 * Owner-Hash of this key, signed by this key's type-3 owner. Each manifest is downloaded and its
 * HMAC checked under this key before it counts, and candidates are ordered by that signed sequence,
 * never by the index's order or an item's Unix-Time tag, so a copied Owner-Hash on someone else's
 * item can neither shadow nor replace the real backup.
 */
public final class LegacyDiscovery {
    static final long MAX_MANIFEST = 16L * 1024 * 1024;
    static final long MAX_BUNDLE = 128L * 1024 * 1024;

    private final EthPrivateKey key;
    private final Network network;

    public LegacyDiscovery(EthPrivateKey key, Network network) {
        this.key = key;
        this.network = network;
    }

    /** One manifest item: verified (with its manifest) or rejected (with the reason). */
    public record Found(String manifestTxId, String bundleTxId, Long unixTime, LegacyManifest manifest, String verification) {
        public boolean verified() {
            return manifest != null;
        }
    }

    /** Every candidate, verified ones first by descending signed sequence, then the rejected ones. */
    public List<Found> find() {
        String owner = BundleRestores.ethOwnerAddress(key.publicKey());
        Map<String, Discovery.Hit> hits = new LinkedHashMap<>();
        for (String ownerHash : LegacyKeys.ownerHashes(key)) {
            for (Discovery.Hit h : network.discovery().find(List.of(owner), Map.of("App-Name", "MEMOS", "Type", "manifest",
                    "Owner-Hash", ownerHash))) {
                hits.putIfAbsent(h.id(), h);
            }
        }
        List<Found> out = new ArrayList<>();
        for (Discovery.Hit h : hits.values()) {
            out.add(check(h));
        }
        out.sort(Comparator.comparing((Found f) -> !f.verified())
                .thenComparing(f -> f.verified() ? -f.manifest().sequence() : 0L)
                .thenComparing(f -> f.verified() ? -f.manifest().createdAt() : 0L));
        return out;
    }

    private Found check(Discovery.Hit h) {
        Long unix = parseLong(h.tag("Unix-Time"));
        String bundleTx = h.tag("Bundle-TX");
        try {
            if (bundleTx == null) {
                throw MemosException.integrity("the manifest item has no Bundle-TX tag");
            }
            LegacyManifest m = LegacyManifest.parse(download(h.id(), MAX_MANIFEST));
            LegacyOpener.authenticate(m, key);
            return new Found(h.id(), bundleTx, unix, m, "verified");
        } catch (MemosException e) {
            return new Found(h.id(), bundleTx, unix, null, "rejected: " + e.getMessage());
        }
    }

    /**
     * The data of an item from the first gateway that has it, at most {@code limit} bytes. An item
     * the index lists but no gateway serves yet (a fresh bundled item) is asked for again, briefly.
     */
    public byte[] download(String id, long limit) {
        for (int attempt = 0; ; attempt++) {
            Optional<byte[]> b = tryDownload(id, limit);
            if (b.isPresent()) {
                return b.get();
            }
            if (attempt >= 4) {
                throw MemosException.network("no gateway has the item " + id + " yet: try again later", null);
            }
            try {
                Thread.sleep(1000L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MemosException.network("interrupted while waiting for the item " + id, e);
            }
        }
    }

    private Optional<byte[]> tryDownload(String id, long limit) {
        MemosException last = null;
        for (ArweaveGateway g : network.gateways()) {
            try {
                Optional<InputStream> in = network.retry().run(() -> g.data(id));
                if (in.isEmpty()) {
                    continue;
                }
                try (InputStream s = in.get()) {
                    byte[] b = s.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                    if (b.length > limit) {
                        throw MemosException.integrity("the item " + id + " is larger than " + limit + " bytes");
                    }
                    return Optional.of(b);
                }
            } catch (IOException e) {
                last = MemosException.network("cannot download " + id + " from " + g.base() + ": " + e.getMessage(), e);
            } catch (MemosException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        return Optional.empty();
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
