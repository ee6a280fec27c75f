package dev.memos.arweave;

import dev.memos.backup.ProgressListener;
import dev.memos.crypto.EthSigner;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Local devnet path: the data becomes an ANS-104 item signed by the ETH key, put in a one-item
 * binary bundle, carried by an L1 transaction that a local devnet wallet signs (minted on demand),
 * then a block is mined so the item is confirmed and indexed. The id returned is the item's.
 *
 * <p>Why bundles up to {@link #INLINE_LIMIT} travel inline: arlocal unpacks a bundle whose data came
 * in {@code POST /chunk} calls in a background loop that finds the end of the data by offset
 * arithmetic over every chunk with the bundle's data root, and it numbers chunks from one global
 * counter. When another upload's chunks land in between, the arithmetic never adds up: the item is
 * never indexed (404 for ever) and the loop spins on the node's CPU. Inline data is unpacked before
 * {@code POST /tx} answers. Even inline, arlocal drops the item of a bundle posted while it still
 * unpacks another (four parallel 3 MB backups lost one item every time), so bundle posts go one at
 * a time per node on this machine ({@link DevnetLock}), a block is mined at once, and each is
 * checked until the index shows its item with every tag (and posted again if it never does).
 *
 * <p>"Mined" is not yet "indexed" either: arlocal has no lock between two {@code /mine} calls, and
 * when another process mines at the same moment ours can answer while the item's tags are still
 * being written, so a caller that searches right away by a late tag ({@code Bundle-TX}, say) would
 * miss it. Hence the wait for every tag, not just the item. The wait is shown as a status line
 * counting seconds ({@link WaitStatus}).
 */
public final class DevnetBundleUploader implements Uploader {
    /** Below arlocal's 15 MB JSON body limit once base64url-encoded (4/3) with the header around it. */
    static final long INLINE_LIMIT = 8L << 20;
    /** Inline items are unpacked before POST /tx answers; chunked ones by a background loop. */
    private static final long INLINE_WAIT_MS = 20_000;
    private static final long CHUNKED_WAIT_MS = 120_000;
    private static final int POSTS = 3;
    private final ArweaveGateway node;
    private final EthSigner signer;
    private final JwkWallet devnetWallet;
    private final Retry retry;
    private final Path workDir;
    private final ProgressListener progress;

    public DevnetBundleUploader(ArweaveGateway node, EthSigner signer, JwkWallet devnetWallet, Retry retry, Path workDir) {
        this(node, signer, devnetWallet, retry, workDir, ProgressListener.NONE);
    }

    /** @param progress hears of the wait for the node to mine and index the transaction */
    public DevnetBundleUploader(ArweaveGateway node, EthSigner signer, JwkWallet devnetWallet, Retry retry, Path workDir,
                                ProgressListener progress) {
        this.progress = progress;
        this.node = node;
        this.signer = signer;
        this.devnetWallet = devnetWallet;
        this.retry = retry;
        this.workDir = workDir;
    }

    /** Loads the devnet wallet at {@code file} or creates it (0600) the first time. */
    public static JwkWallet devnetWallet(Path file) {
        if (Files.exists(file)) {
            return JwkWallet.load(file);
        }
        JwkWallet w = JwkWallet.generate();
        w.save(file);
        return w;
    }

    @Override
    public UploadReceipt upload(Path data, List<Tag> tags) {
        Path bundle = null;
        try {
            bundle = Files.createTempFile(workDir, ".bundle-", ".tmp");
            DataItem signed = DataItem.signFile(signer, tags, data);
            BundleWriter.writeSingle(signed, data, bundle);
            long size = Files.size(bundle);
            BigInteger price = fund(size);
            L1Transaction tx;
            try (DevnetLock held = DevnetLock.acquire(node.base())) {
                tx = postUntilUnpacked(bundle, size, signed.id(), tags);
            }
            return new UploadReceipt(signed.id(), tx.id(), signed.dataLength(), "devnet", "bundle tx " + tx.id(),
                    UploadCost.winston(price));
        } catch (IOException e) {
            throw MemosException.failure("cannot prepare the upload in " + workDir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(bundle);
        }
    }

    private L1Transaction post(Path bundle) {
        return new L1Uploader(node, retry, INLINE_LIMIT).upload(devnetWallet, bundle, BundleWriter.BUNDLE_TAGS);
    }

    /**
     * Posts the bundle, mines a block and waits until the node serves its item; a bundle the node took
     * but never unpacked is posted again in a new transaction (a new anchor gives it a new id; the item id is
     * the same, so at most one copy is indexed).
     */
    private L1Transaction postUntilUnpacked(Path bundle, long size, String itemId, List<Tag> tags) {
        long waitMs = size <= INLINE_LIMIT ? INLINE_WAIT_MS : CHUNKED_WAIT_MS;
        for (int attempt = 1; ; attempt++) {
            L1Transaction tx = post(bundle);
            // arlocal serves an item only once a block holds it; blocks are free here. The wait is a
            // status line; the post before it drew its own upload bar.
            boolean[] indexed = new boolean[1];
            WaitStatus.during(progress, "index", "waiting for the node to index item " + WaitStatus.shortId(itemId), () -> {
                retry.runVoid(node::mine);
                indexed[0] = awaitIndexed(itemId, tags, waitMs);
            });
            if (indexed[0]) {
                return tx;
            }
            if (attempt == POSTS) {
                throw MemosException.network("the devnet node took bundle " + tx.id() + " " + POSTS + " times but never unpacked item "
                        + itemId + ": restart it with 'scripts/devnet stop; scripts/devnet start'", null);
            }
        }
    }

    /** Whether the index lists {@code id} with every one of {@code tags} within {@code waitMs}. */
    private boolean awaitIndexed(String id, List<Tag> tags, long waitMs) {
        Discovery index = new Discovery(node, retry);
        long deadline = System.currentTimeMillis() + waitMs;
        while (true) {
            Optional<Discovery.Hit> hit = index.byId(id);
            if (hit.isPresent() && tags.stream().allMatch(t -> hit.get().tags().containsKey(t.name()))) {
                return true;
            }
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MemosException.network("interrupted while waiting for the devnet to index " + id, e);
            }
        }
    }

    @Override
    public String describeCost(long bytes) {
        return bytes + " bytes, devnet price " + Winston.toAr(retry.run(() -> node.price(bytes)))
                + " AR (free test tokens, minted on demand)";
    }

    /** Mints enough test tokens for {@code bytes} when needed; returns the node's price for them. */
    private BigInteger fund(long bytes) {
        BigInteger price = retry.run(() -> node.price(bytes));
        BigInteger balance = retry.run(() -> node.balance(devnetWallet.address()));
        if (balance.compareTo(price) < 0) {
            BigInteger amount = price.multiply(BigInteger.TEN).max(BigInteger.TEN.pow(15));
            retry.runVoid(() -> node.mint(devnetWallet.address(), amount));
        }
        return price;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
