package dev.memos.arweave.archfixture;

import dev.memos.backup.Manifest;
import dev.memos.backup.ProgressListener;

/**
 * Violates "arweave is transport": a class in arweave reads a backup manifest (backup policy
 * belongs in dev.memos.app.backup). Its ProgressListener use alone is allowed. Test sources only.
 */
public final class TransportUsesBackupPolicy {
    private TransportUsesBackupPolicy() {
    }

    public static long sequence(Manifest m, ProgressListener progress) {
        progress.steps("fixture", 0, 1, null);
        return m.sequence();
    }
}
