package dev.memos.audit;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link CheckpointAnchor} in a folder (another disk, a mounted share, a test's temp dir): one file per
 * published checkpoint, never overwritten. The stand-in until the Arweave anchor is wired; it protects
 * only as well as the folder is out of an attacker's reach.
 */
public final class FileCheckpointAnchor implements CheckpointAnchor {
    private final Path dir;

    public FileCheckpointAnchor(Path dir) {
        this.dir = dir;
    }

    @Override
    public String publish(Checkpoint checkpoint) {
        byte[] bytes = checkpoint.toBytes();
        String name = AuditLogs.checkIdOrHome(checkpoint.log()) + "-" + String.format("%020d", checkpoint.size()) + "-"
                + Hex.encode(Hash.sha256().digest(bytes)).substring(0, 16) + ".json";
        Path target = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(target)) {
                AtomicFile.write(target, bytes);
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot write anchor " + target + ": " + e.getMessage(), e);
        }
        return "file:" + target;
    }

    @Override
    public Optional<Checkpoint> fetchLatest(String logId, SignatureAlgorithm algorithm, byte[] publicKey) {
        List<byte[]> candidates = new ArrayList<>();
        String prefix = logId + "-";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".json") && Files.isRegularFile(p)) {
                    candidates.add(Files.readAllBytes(p));
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw MemosException.failure("cannot read anchors in " + dir + ": " + e.getMessage(), e);
        }
        return CheckpointAnchor.newestValid(candidates, logId, algorithm, publicKey);
    }
}
