package dev.memos.snapshot;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The test key of every vector (original MemOS fact sheet §9) and small deterministic trees. */
final class SnapFixtures {
    static final String KEY_HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final String OTHER_HEX = "8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";

    private SnapFixtures() {
    }

    static EthPrivateKey key() {
        return EthPrivateKey.parse(KEY_HEX);
    }

    static EthPrivateKey other() {
        return EthPrivateKey.parse(OTHER_HEX);
    }

    static SnapshotKeys keys() {
        return SnapshotKeys.derive(key());
    }

    static EthSigner signer() {
        return EthSigner.of(key());
    }

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Text that compresses, with variety so chunk boundaries exist. */
    static byte[] text(long seed, int n) {
        Random r = new Random(seed);
        String[] words = {"agent", "memory", "recall", "note", "the", "of", "vector", "index", "plan", "step", "user", "said"};
        StringBuilder b = new StringBuilder(n + 16);
        while (b.length() < n) {
            b.append(words[r.nextInt(words.length)]).append(r.nextInt(7) == 0 ? ".\n" : " ");
        }
        return b.substring(0, n).getBytes();
    }

    /** A folder of about 3.5 MiB: notes, a nested folder, a big incompressible file, an empty file. */
    static Path tree(Path root) throws IOException {
        Files.createDirectories(root.resolve("notes/deep"));
        for (int i = 0; i < 20; i++) {
            Files.write(root.resolve("notes/n" + i + ".md"), text(i, 2_000 + 3_000 * i));
        }
        Files.write(root.resolve("notes/deep/index.json"), text(99, 700_000));
        Files.write(root.resolve("vectors.f32"), random(7, 2_500_000));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        return root;
    }
}
