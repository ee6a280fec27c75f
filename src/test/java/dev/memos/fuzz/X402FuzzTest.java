package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.arweave.x402.X402Payer;

/**
 * x402: the 402 body (payment requirements) and the X-PAYMENT-RESPONSE header come from the
 * server that wants to be paid. Seeds: the EIP-712 vector and hand-written 402 bodies.
 */
class X402FuzzTest {
    @FuzzTest(maxDuration = "30s")
    void payment_required_bodies_parse_or_fail_cleanly(byte[] body) {
        Fuzz.cleanly(() -> X402Payer.parse402(body));
    }

    /** Settlement.parse is total by contract: a bad header is "not settled", never an exception. */
    @FuzzTest(maxDuration = "30s")
    void payment_response_headers_never_throw(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();
        X402Payer.Settlement s = X402Payer.Settlement.parse(header);
        if (s == null) {
            throw new AssertionError("Settlement.parse returned null");
        }
    }
}
