package dev.memos.backup;

import dev.memos.crypto.ChunkedAeadWriter;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * Writes correctly encrypted and signed bundles around an arbitrary archive and inventory: the
 * attacker here holds the key (or the packer is buggy), so only the extractor stands in the way.
 */
final class RawBundles {
    private RawBundles() {
    }

    static Path write(Path file, byte[] tar, List<FileEntry> inventory, Compression compression) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream c = compression.compress(compressed, compression.defaultLevel(), 0)) {
            c.write(tar);
        }
        return writeArchive(file, compressed.toByteArray(), inventory, compression);
    }

    static Path writeArchive(Path file, byte[] archive, List<FileEntry> inventory, Compression compression) throws IOException {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            byte[] salt = new byte[32];
            new java.security.SecureRandom().nextBytes(salt);
            BundleHeader header = BundleHeader.create(keys, compression, 16, salt);
            Manifest m = new Manifest(keys.address(), 1, Fixtures.CLOCK.instant(), null, compression, 1 << 16,
                    header.saltHex(), sha256(archive), archive.length, inventory);
            byte[] trailer = SealedManifest.seal(m, keys, EthSigner.of(Fixtures.key())).canonicalBytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(header.bytes());
            try (SecretBytes k = keys.payloadKey(salt); ChunkedAeadWriter w = new ChunkedAeadWriter(out, k, header.bytes(), 1 << 16)) {
                w.write(archive);
                w.write(trailer);
                w.write(ByteBuffer.allocate(4).putInt(trailer.length).array());
            }
            Files.createDirectories(file.getParent());
            Files.write(file, out.toByteArray());
            return file;
        }
    }

    static FileEntry inv(String path, byte[] content) {
        return FileEntry.file(path, content.length, sha256(content), 0644, 1_700_000_000L);
    }

    static FileEntry invDir(String path) {
        return FileEntry.dir(path, 0755, 1_700_000_000L);
    }

    static String sha256(byte[] data) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
