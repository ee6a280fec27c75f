package dev.memos.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The TokenBench ratios measured interleaved (400 bare operations, then 400 token operations, over
 * and over) and reported as medians: on a machine shared with other work, sequential JMH runs see
 * different load per benchmark, while interleaved batches see the same. Run with the jmh class path:
 * {@code java -cp … dev.memos.bench.TokenRatio [rounds]}.
 */
public final class TokenRatio {
    private TokenRatio() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int batch = 400;
        TokenBench b = new TokenBench();
        b.setUp();
        b.freshVerifier();
        List<Double> verify = new ArrayList<>();
        List<Double> issue = new ArrayList<>();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += b.bareEd25519Verify() ? 1 : 0;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += b.verifyOneLinkToken().valid() ? 1 : 0;
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += b.bareEd25519Sign()[0];
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                sink += b.issueOneLinkToken().length();
            }
            long t4 = System.nanoTime();
            if (r >= 5) { // warm-up rounds
                verify.add((double) (t1 - t0) / (t2 - t1));
                issue.add((double) (t3 - t2) / (t4 - t3));
            }
        }
        b.closeVerifier();
        Collections.sort(verify);
        Collections.sort(issue);
        int m = verify.size();
        System.out.printf("verify one-link token / bare Ed25519 verify: median %.3f (p10 %.3f, p90 %.3f)%n",
                verify.get(m / 2), verify.get(m / 10), verify.get(m * 9 / 10));
        System.out.printf("issue / bare Ed25519 sign:                   median %.3f (p10 %.3f, p90 %.3f)%n",
                issue.get(m / 2), issue.get(m / 10), issue.get(m * 9 / 10));
        System.out.println(sink == 42 ? "" : "targets: both ≥ 0.800");
    }
}
