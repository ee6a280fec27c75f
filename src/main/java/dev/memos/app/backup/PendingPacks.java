package dev.memos.app.backup;

import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Packs a backup has completed in its repository that no published snapshot cites yet
 * (FORMAT.md §14.8): {@code $MEMOS_HOME/cache/pending-packs-<addr_lower>.txt}, one pack id a line,
 * rewritten atomically after each pack and emptied once the snapshot is published. A backup killed
 * between the two leaves its finished packs here, and the next backup reads their trailers to reuse
 * them instead of paying for them again. The file names only ciphertext hashes; the next run trusts
 * nothing in it but the ids: every pack is fetched and verified (SHA-256, header MAC, trailer AEAD).
 * Callers hold the home lock.
 */
final class PendingPacks {
    private final Path file;
    private final Set<String> ids = new LinkedHashSet<>();

    private PendingPacks(Path file) {
        this.file = file;
    }

    static PendingPacks load(Path file) {
        PendingPacks p = new PendingPacks(file);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.strip().matches("[0-9a-f]{64}")) {
                    p.ids.add(line.strip());
                }
            }
        } catch (NoSuchFileException e) {
            // no backup was interrupted
        } catch (IOException e) {
            // unreadable: only a speed-up is lost; the packs are stored again
        }
        return p;
    }

    List<String> ids() {
        return new ArrayList<>(ids);
    }

    void add(String packId) {
        if (ids.add(packId)) {
            save();
        }
    }

    void clear() {
        ids.clear();
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, String.join("\n", ids).concat(ids.isEmpty() ? "" : "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
