package dev.memos.shell.cmd;

import dev.memos.app.legacy.LegacyUnpack;
import dev.memos.shell.CommandResult;
import java.time.Instant;

/** Text for the commands' original-MemOS paths, kept apart so the shared command files change by a line. */
final class LegacyViews {
    private LegacyViews() {
    }

    static CommandResult unpacked(LegacyUnpack.Result r) {
        String text = "restored " + r.files() + " files (" + r.totalBytes() + " bytes) into " + r.destination()
                + "\noriginal MemOS backup (legacy, " + r.kdf() + "), sequence " + r.sequence() + " of " + r.ethAddress()
                + ", made " + Instant.ofEpochSecond(r.createdAt());
        return CommandResult.of(text, r).withWarnings(r.warnings());
    }
}
