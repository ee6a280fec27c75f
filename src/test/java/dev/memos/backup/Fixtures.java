package dev.memos.backup;

import dev.memos.crypto.EthPrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** Shared test material: fixed keys, a fixed clock, a deterministic salt source, small trees. */
final class Fixtures {
    static final String KEY_HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final String OTHER_KEY_HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    static EthPrivateKey key() {
        return EthPrivateKey.parse(KEY_HEX);
    }

    static EthPrivateKey otherKey() {
        return EthPrivateKey.parse(OTHER_KEY_HEX);
    }

    /** A "random" source whose bytes are 0x00, 0x01, 0x02, …: makes the salt of a bundle fixed. */
    static Random countingRandom() {
        return new Random() {
            private static final long serialVersionUID = 1L;
            private int next;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) next++;
                }
            }
        };
    }

    static BundlePacker.Builder packer(Path home) {
        return BundlePacker.builder().key(key()).clock(CLOCK).rollbackIndex(RollbackIndex.at(home.resolve("rollback-index.json")));
    }

    static BundleRestorer restorer(Path home) {
        return BundleRestorer.builder().key(key()).rollbackIndex(RollbackIndex.at(home.resolve("rollback-index.json"))).build();
    }

    /** hello.txt, notes/a.json, notes/empty.md, empty/ with fixed modes and times. */
    static Path smallTree(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("notes"));
        Files.createDirectories(dir.resolve("empty"));
        write(dir.resolve("hello.txt"), "hello, memory\n", 0644, 1_700_000_000L);
        write(dir.resolve("notes/a.json"), "{\"k\":\"v\"}\n", 0600, 1_700_000_100L);
        write(dir.resolve("notes/empty.md"), "", 0644, 1_700_000_200L);
        meta(dir.resolve("notes"), 0755, 1_700_000_300L);
        meta(dir.resolve("empty"), 0700, 1_700_000_400L);
        return dir;
    }

    static void write(Path p, String content, int mode, long mtime) throws IOException {
        Files.writeString(p, content, StandardCharsets.UTF_8);
        meta(p, mode, mtime);
    }

    static void meta(Path p, int mode, long mtime) throws IOException {
        Files.setPosixFilePermissions(p, SafeExtractor.permissions(mode));
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtime * 1000));
    }

    /** Every regular file and directory under root as "path type size sha mode mtime" lines, for tree equality. */
    static String describe(Path root) throws IOException {
        StringBuilder b = new StringBuilder();
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                int mode = TreeArchiver.toBits(Files.getPosixFilePermissions(p));
                long mtime = Files.getLastModifiedTime(p).toMillis() / 1000;
                if (Files.isDirectory(p)) {
                    b.append(rel).append(" dir ").append(Integer.toOctalString(mode)).append(' ').append(mtime).append('\n');
                } else {
                    b.append(rel).append(" file ").append(Files.size(p)).append(' ')
                            .append(dev.memos.encoding.Hex.encode(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(Files.readAllBytes(p))))
                            .append(' ').append(Integer.toOctalString(mode)).append(' ').append(mtime).append('\n');
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return b.toString();
    }
}
