package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random trees survive pack → unpack unchanged: unicode and spaces in names, empty files, empty
 * folders, files spanning many (small) chunks, every compression.
 */
class BundleRoundTripProperties {

    record Node(String name, boolean dir, int size, int mode, List<Node> children) {
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> fancy = Arbitraries.strings().withChars("aé 日本語-_.() üΩ'#%ß").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.equals(".") && !s.equals("..") && !s.isBlank() && !s.startsWith(" ") && !s.endsWith(" "));
        return Arbitraries.oneOf(plain, fancy);
    }

    @Provide
    Arbitrary<List<Node>> trees() {
        return level(2);
    }

    private Arbitrary<List<Node>> level(int depth) {
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 300),
                Arbitraries.integers().between(4000, 40_000));
        Arbitrary<Node> file = Combinators.combine(names(), sizes, Arbitraries.of(0644, 0600, 0755, 0400))
                .as((n, s, m) -> new Node(n, false, s, m, List.of()));
        Arbitrary<Node> node = file;
        if (depth > 0) {
            Arbitrary<Node> dir = Combinators.combine(names(), level(depth - 1), Arbitraries.of(0755, 0700, 0500))
                    .as((n, c, m) -> new Node(n, true, 0, m, c));
            node = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, file), net.jqwik.api.Tuple.of(1, dir));
        }
        return node.list().ofMaxSize(6).uniqueElements(Node::name);
    }

    @Property(tries = 25)
    void random_trees_round_trip(@ForAll("trees") List<Node> tree, @ForAll Compression compression,
                                 @ForAll("seeds") long seed) throws IOException {
        Path tmp = Files.createTempDirectory("memos-prop");
        try {
            Path in = tmp.resolve("in");
            Files.createDirectories(in);
            materialise(in, tree, new java.util.Random(seed));
            PackResult r = Fixtures.packer(tmp.resolve("home")).compression(compression).chunkLog2(12).build()
                    .pack(in, tmp.resolve("b.memos"));
            Path out = Fixtures.restorer(tmp.resolve("home")).restore(r.bundle(), java.util.Optional.of(r.envelope()),
                    tmp.resolve("out"), false, false).destination();
            assertEquals(Fixtures.describe(in), Fixtures.describe(out));
        } finally {
            DestinationSwap.deleteTree(tmp);
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static void materialise(Path dir, List<Node> nodes, java.util.Random random) throws IOException {
        long t = 1_600_000_000L;
        for (Node n : nodes) {
            Path p = dir.resolve(n.name());
            if (n.dir()) {
                Files.createDirectory(p);
                materialise(p, n.children(), random);
                Fixtures.meta(p, n.mode(), t + random.nextInt(1_000_000));
            } else {
                byte[] data = new byte[n.size()];
                random.nextBytes(data);
                Files.write(p, data);
                Fixtures.meta(p, n.mode(), t + random.nextInt(1_000_000));
            }
        }
    }
}
