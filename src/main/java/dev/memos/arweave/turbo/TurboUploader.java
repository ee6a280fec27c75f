package dev.memos.arweave.turbo;

import dev.memos.arweave.DataItem;
import dev.memos.arweave.Tag;
import dev.memos.arweave.UploadCost;
import dev.memos.arweave.UploadReceipt;
import dev.memos.arweave.Uploader;
import dev.memos.arweave.x402.X402Payer;
import dev.memos.crypto.EthSigner;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Signs the data as an ETH data item and sends it to Turbo, paying with credits or, if given, x402. */
public final class TurboUploader implements Uploader {
    private final TurboClient turbo;
    private final EthSigner signer;
    private final X402Payer payer;
    private final Path workDir;

    public TurboUploader(TurboClient turbo, EthSigner signer, X402Payer payer, Path workDir) {
        this.turbo = turbo;
        this.signer = signer;
        this.payer = payer;
        this.workDir = workDir;
    }

    @Override
    public UploadReceipt upload(Path data, List<Tag> tags) {
        Path item = null;
        try {
            item = Files.createTempFile(workDir, ".item-", ".tmp");
            DataItem signed = DataItem.write(signer, tags, data, item);
            TurboReceipt r = turbo.upload(item, signed.id(), payer);
            String detail = r.alreadyUploaded() ? "already uploaded (Turbo answered 202)"
                    : (payer != null ? "paid with x402" + (r.settlement() == null ? "" : ", settlement " + r.settlement())
                    : "paid " + r.winc() + " winc in Turbo credits");
            UploadCost cost = r.alreadyUploaded() ? UploadCost.unknown()
                    : payer != null ? payer.lastPayment().map(p -> UploadCost.usdc(p.amountAtomic())).orElse(UploadCost.unknown())
                    : UploadCost.winston(r.winc());
            return new UploadReceipt(signed.id(), null, signed.dataLength(), payer != null ? "x402" : "turbo", detail, cost);
        } catch (IOException e) {
            throw MemosException.failure("cannot prepare the upload in " + workDir + ": " + e.getMessage(), e);
        } finally {
            if (item != null) {
                try {
                    Files.deleteIfExists(item);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    @Override
    public String describeCost(long bytes) {
        if (payer != null) {
            return bytes + " bytes, paid with x402 USDC when the service asks (capped by --x402-max-usdc)";
        }
        return bytes + " bytes, Turbo price " + turbo.price(bytes) + " winc, credits " + turbo.balance(signer.address().lowercase())
                + " winc";
    }
}
