package dev.memos.arweave;

/**
 * What an upload produced: the id to fetch the data by (a data item id or an L1 transaction id),
 * the carrier transaction if different, the byte count, how it was paid and what it cost.
 */
public record UploadReceipt(String id, String carrierTx, long bytes, String via, String detail, UploadCost cost) {
    public UploadReceipt {
        cost = cost == null ? UploadCost.unknown() : cost;
    }

    /** A receipt whose uploader does not know what it cost. */
    public UploadReceipt(String id, String carrierTx, long bytes, String via, String detail) {
        this(id, carrierTx, bytes, via, detail, UploadCost.unknown());
    }
}
