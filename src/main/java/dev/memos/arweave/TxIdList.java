package dev.memos.arweave;

import dev.memos.store.AtomicFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The file shell completion reads tx ids from: one id per line, newest last, at most 500 lines.
 * Best effort: a failure to update it never fails the command that found the ids.
 */
public final class TxIdList {
    private static final int MAX = 500;

    private TxIdList() {
    }

    static boolean isId(String s) {
        return ArweaveId.isValid(s);
    }

    public static void add(Path file, Collection<String> ids) {
        try {
            Set<String> all = new LinkedHashSet<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    if (isId(line)) {
                        all.add(line);
                    }
                }
            }
            for (String id : ids) {
                // only well-formed ids: the file is spliced into shell completion words
                if (isId(id)) {
                    all.remove(id);
                    all.add(id);
                }
            }
            List<String> list = new ArrayList<>(all);
            List<String> kept = list.subList(Math.max(0, list.size() - MAX), list.size());
            PrivateFiles.ensureDirectory(file.toAbsolutePath().getParent());
            AtomicFile.write(file, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException ignored) {
            // completion data is a convenience; the command's result stands without it
        }
    }
}
