package dev.memos.arweave;

import dev.memos.backup.ProgressListener;
import dev.memos.crypto.EthSigner;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Local devnet path: the data becomes an ANS-104 item signed by the ETH key, put in a one-item
 * binary bundle, carried by an L1 transaction that a local devnet wallet signs (minted on demand),
 * then a block is mined so the item is confirmed and indexed. The id returned is the item's. The
 * mining and indexing wait is shown as a status line counting seconds ({@link WaitStatus}).
 */
public final class DevnetBundleUploader implements Uploader {
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
            BigInteger price = fund(Files.size(bundle));
            L1Transaction tx = new L1Uploader(node, retry).upload(devnetWallet, bundle, BundleWriter.BUNDLE_TAGS);
            WaitStatus.during(progress, "index", "waiting for the node to index tx " + WaitStatus.shortId(tx.id()),
                    () -> retry.runVoid(node::mine));
            return new UploadReceipt(signed.id(), tx.id(), signed.dataLength(), "devnet", "bundle tx " + tx.id(),
                    UploadCost.winston(price));
        } catch (IOException e) {
            throw MemosException.failure("cannot prepare the upload in " + workDir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(bundle);
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
