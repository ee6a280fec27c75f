package dev.memos.arweave;

import dev.memos.crypto.EthSigner;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Local devnet path: the data becomes an ANS-104 item signed by the ETH key, put in a one-item
 * binary bundle, carried by an L1 transaction that a local devnet wallet signs (minted on demand),
 * then a block is mined so the item is confirmed and indexed. The id returned is the item's.
 *
 * <p>arlocal unbundles at {@code /mine}, inserting an item's row first and its tags one by one, and
 * has no lock between two {@code /mine} calls: when another process mines at the same moment, ours
 * sees the item's row already there, skips it and answers while the other is still writing the
 * tags. So "mined" is not yet "indexed": {@link #upload} returns only once the index shows the item
 * with every tag it was given (bounded by {@link #INDEX_WAIT}), or callers that search right away by
 * a late tag (a {@code Bundle-TX}, say) would miss or misjudge it under load.
 */
public final class DevnetBundleUploader implements Uploader {
    private final ArweaveGateway node;
    private final EthSigner signer;
    private final JwkWallet devnetWallet;
    private final Retry retry;
    private final Path workDir;

    public DevnetBundleUploader(ArweaveGateway node, EthSigner signer, JwkWallet devnetWallet, Retry retry, Path workDir) {
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
            BigInteger price = fund(Files.size(bundle));
            L1Transaction tx = new L1Uploader(node, retry).upload(devnetWallet, bundle, BundleWriter.BUNDLE_TAGS);
            retry.runVoid(node::mine);
            awaitIndexed(signed.id(), tags);
            return new UploadReceipt(signed.id(), tx.id(), signed.dataLength(), "devnet", "bundle tx " + tx.id(),
                    UploadCost.winston(price));
        } catch (IOException e) {
            throw MemosException.failure("cannot prepare the upload in " + workDir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(bundle);
        }
    }

    static final Duration INDEX_WAIT = Duration.ofSeconds(60);
    private static final long POLL_MS = 100;

    /** Waits until the index lists {@code id} with every one of {@code tags}; NETWORK after {@link #INDEX_WAIT}. */
    private void awaitIndexed(String id, List<Tag> tags) {
        Discovery index = new Discovery(node, retry);
        long deadline = System.nanoTime() + INDEX_WAIT.toNanos();
        while (true) {
            Optional<Discovery.Hit> hit = index.byId(id);
            if (hit.isPresent() && tags.stream().allMatch(t -> hit.get().tags().containsKey(t.name()))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw MemosException.network("the devnet mined " + id + " but does not index it with all its tags after "
                        + INDEX_WAIT.toSeconds() + " s", null);
            }
            try {
                Thread.sleep(POLL_MS);
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
