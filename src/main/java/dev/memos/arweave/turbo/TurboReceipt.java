package dev.memos.arweave.turbo;

/**
 * Turbo's answer to an upload. {@code alreadyUploaded} marks a 202 (the item was received before);
 * {@code settlement} is the x402 settlement transaction when the upload was paid that way.
 */
public record TurboReceipt(String id, String owner, String winc, long timestamp, long deadlineHeight, boolean alreadyUploaded,
                           String settlement) {
}
