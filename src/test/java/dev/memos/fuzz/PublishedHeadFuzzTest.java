package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.ring.PublishedHeads;
import dev.memos.ring.SignedHead;
import java.util.Arrays;

/**
 * Published chain heads come from anyone who can upload under a tag (FORMAT.md §13.5): parsing must
 * fail only with MemosException, anything accepted must be its own canonical encoding, and
 * {@link PublishedHeads#parse} never accepts an item whose signature does not verify; a v2 head always scores 10..100.
 */
class PublishedHeadFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void published_heads_parse_strictly_or_fail_cleanly(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> {
            SignedHead h = PublishedHeads.parseAny(bytes);
            if (!Arrays.equals(h.canonical(), bytes)) {
                throw new AssertionError("accepted a head that is not its own canonical encoding");
            }
            boolean kept = PublishedHeads.parse(bytes, h.id(), h.algorithm(), h.publicKey()).isPresent();
            if (kept != h.signatureValid()) {
                throw new AssertionError("kept a head whose signature does not verify (or dropped a valid one)");
            }
            PublishedHeads.parse(bytes, h.id(), SignatureAlgorithm.ED25519, new byte[32]);
            if (h.trust() != null) {
                // a v2 head's trust inputs are bounded: scoring them at any time gives 10..100, never an exception
                int score = dev.memos.ring.TrustScore.fromHead(h, h.trust().asOf() + 86_400L * 400).score();
                if (score < 10 || score > 100) {
                    throw new AssertionError("a head scored " + score);
                }
            }
        });
    }
}
