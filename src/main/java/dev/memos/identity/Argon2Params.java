package dev.memos.identity;

import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) parameters; every file stores its own so defaults can rise
 * later. The default, 64 MiB × 3 passes × 1 lane, took 0.2–0.5 s on this 2-core build machine.
 * Bounds keep a hostile file from demanding unbounded memory or time.
 */
public record Argon2Params(int memoryKib, int iterations, int parallelism) {
    public static final Argon2Params DEFAULT = new Argon2Params(64 * 1024, 3, 1);
    public static final int MAX_MEMORY_KIB = 256 * 1024;
    public static final int MAX_ITERATIONS = 16;
    /**
     * memory × passes, in KiB: what a file may make us compute before the passphrase is even
     * checked. 1 GiB·pass is ~5× the default's work (a few seconds at most), so a hostile export or
     * identity file cannot stall an import for minutes or exhaust the heap.
     */
    public static final long MAX_WORK_KIB = 1024L * 1024;

    public Argon2Params {
        if (memoryKib < 8 * Math.max(1, parallelism) || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be between 8·p KiB and " + MAX_MEMORY_KIB + " KiB");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id iterations must be between 1 and " + MAX_ITERATIONS);
        }
        if ((long) memoryKib * iterations > MAX_WORK_KIB) {
            throw new IllegalArgumentException("Argon2id memory × iterations must be at most " + MAX_WORK_KIB + " KiB");
        }
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("Argon2id parallelism must be between 1 and 16");
        }
    }

    /** A 32-byte key from the passphrase's UTF-8 bytes and a salt. */
    public SecretBytes derive(Passphrase passphrase, byte[] salt) {
        byte[] pw = passphrase.utf8();
        byte[] out = new byte[32];
        try {
            Argon2BytesGenerator g = new Argon2BytesGenerator();
            g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                    .withSalt(salt).build());
            g.generateBytes(pw, out);
            return SecretBytes.adopt(out);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }
}
