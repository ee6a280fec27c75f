package dev.memos.arweave;

import java.nio.file.Path;
import java.util.List;

/** Uploads the data as a plain L1 transaction signed by a JWK wallet, which pays in AR. */
public final class WalletUploader implements Uploader {
    private final L1Uploader l1;
    private final JwkWallet wallet;

    public WalletUploader(ArweaveGateway node, JwkWallet wallet, Retry retry) {
        this.l1 = new L1Uploader(node, retry);
        this.wallet = wallet;
    }

    @Override
    public UploadReceipt upload(Path data, List<Tag> tags) {
        L1Transaction tx = l1.upload(wallet, data, tags);
        return new UploadReceipt(tx.id(), tx.id(), tx.dataSize(), "wallet", "reward " + Winston.toAr(tx.reward()) + " AR",
                UploadCost.winston(tx.reward()));
    }

    @Override
    public String describeCost(long bytes) {
        L1Uploader.Quote q = l1.quote(wallet, bytes);
        return bytes + " bytes, price " + Winston.toAr(q.winston().toString()) + " AR, wallet " + wallet.address()
                + " balance " + Winston.toAr(q.balance().toString()) + " AR" + (q.affordable() ? "" : " (insufficient)");
    }
}
