package dev.memos.arweave;

/**
 * What an upload produced: the id to fetch the data by (a data item id or an L1 transaction id),
 * the carrier transaction if different, the byte count and how it was paid.
 */
public record UploadReceipt(String id, String carrierTx, long bytes, String via, String detail) {
}
