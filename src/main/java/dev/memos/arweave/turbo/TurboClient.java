package dev.memos.arweave.turbo;

import dev.memos.arweave.x402.X402Payer;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * The ArDrive Turbo upload and payment services: upload a signed data item (single POST or the
 * chunked API for large items), the credits balance of an address, the price of a byte count.
 */
public interface TurboClient {
    /** Uploads the signed item in {@code itemFile}; pays with x402 on a 402 when {@code payer} is given. */
    TurboReceipt upload(Path itemFile, String expectedId, X402Payer payer);

    /** Winston credits (winc) spendable by the address. */
    BigInteger balance(String address);

    /** Winston credits (winc) to upload {@code bytes} bytes. */
    BigInteger price(long bytes);

    static HttpTurboClient.Builder builder() {
        return new HttpTurboClient.Builder();
    }
}
