package dev.memos.ring;

import dev.memos.crypto.CopySeals;
import dev.memos.store.MirroredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** File-level helpers of {@link RingStore}: change detection and clean-up of its folder. */
final class RingFiles {
    private RingFiles() {
    }

    /** rings.bin with its verified copy (FORMAT.md §17), sealed with the rings MAC key and judged by the file MAC. */
    static MirroredFile mirror(Path dir, String id, RingKeys keys) {
        return MirroredFile.builder(dir.resolve(RingStore.FILE)).lock(dir.resolve(RingStore.LOCK))
                .seal(CopySeals.keyed(keys.macKey())).check(c -> StoreState.decode(c, id, keys)).build();
    }

    /** Modification time, size and inode of {@code file}: changes whenever anyone replaces or edits it. */
    static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toInstant() + "/" + a.size() + "/" + a.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }

    /**
     * Temporaries left by a process killed mid-write; the rename never happened, so they hold nothing
     * we need. Only under the rings lock: another writer's temporary in flight must not be deleted.
     */
    static void removeStaleTemporaries(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith("." + RingStore.FILE + ".tmp-") || n.startsWith("." + RingStore.FILE + ".copy.tmp-")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort; a leftover temporary is harmless
        }
    }
}
