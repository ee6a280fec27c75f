package dev.memos.shell.cmd;

import dev.memos.app.legacy.LegacyInspect;
import dev.memos.app.legacy.LegacyLatest;
import dev.memos.app.legacy.LegacyMigrate;
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

    static CommandResult inspected(LegacyInspect.Result r) {
        StringBuilder text = new StringBuilder("original MemOS manifest (legacy) v" + r.version() + ", kdf " + r.kdf()
                + " (salt " + r.kdfSaltVersion() + ")" + (r.signed() ? ", signed" : ", UNSIGNED")
                + "\nsequence " + r.sequence() + " of " + r.ethAddress() + ", made " + Instant.ofEpochSecond(r.createdAt())
                + "\nbundle " + (r.bundleSha256() == null ? "(no bundle_sha256)" : r.bundleSha256())
                + (r.bundleSizeBytes() == null ? "" : ", " + r.bundleSizeBytes() + " bytes")
                + "\n" + r.fileCount() + " files:");
        r.files().forEach(f -> text.append(String.format("%n  %12d  %s", f.size(), f.path())));
        return CommandResult.of(text.toString(), r);
    }

    static CommandResult restored(LegacyLatest.Result r) {
        String text = "restored original MemOS backup " + r.sequence() + " (legacy, manifest " + r.txId() + ", bundle " + r.bundleTxId()
                + ", " + r.files() + " files) to " + r.destination() + "; " + r.candidates() + " candidate(s) checked, "
                + r.rejected().size() + " rejected";
        return CommandResult.of(text, r).withWarnings(r.warnings());
    }

    static CommandResult migrated(LegacyMigrate.Result r) {
        long todo = r.steps().size() - r.skipped();
        String cost = r.costAr() != null ? "; cost at most " + r.costAr() + " AR (" + r.costWinston() + " winston) before deduplication"
                : r.repository().startsWith("repository ") ? "; cost: none (a local repository)" : "";
        StringBuilder text = new StringBuilder(r.dryRun() ? "dry run, nothing stored: would migrate " : "migrated ").append(todo)
                .append(" original MemOS backup(s) (").append(r.bytesToStore()).append(" bytes before deduplication) into ")
                .append(r.repository()).append(r.dryRun() ? cost : "")
                .append(r.skipped() == 0 ? "" : "; " + r.skipped() + " already migrated (skipped)");
        for (LegacyMigrate.Step s : r.steps()) {
            text.append(String.format("%n  legacy %d (%s, %d files) %s", s.legacySequence(), s.txId(), s.files(), s.status()))
                    .append(s.snapshotId() == null ? "" : " -> snapshot " + s.snapshotSequence() + " " + s.snapshotId());
        }
        return CommandResult.of(text.toString(), r);
    }
}
