package dev.memos.audit;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;

/** The log does not verify; {@link #badIndex()} is the first entry index that cannot be trusted. */
public final class AuditIntegrityException extends MemosException {
    private static final long serialVersionUID = 1L;

    private final long badIndex;

    public AuditIntegrityException(long badIndex, String message) {
        super(ErrorKind.INTEGRITY, message);
        this.badIndex = badIndex;
    }

    public long badIndex() {
        return badIndex;
    }
}
