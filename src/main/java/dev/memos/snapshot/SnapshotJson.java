package dev.memos.snapshot;

import dev.memos.encoding.Json;
import dev.memos.encoding.StrictReader;
import dev.memos.error.MemosException;

/** The strict field reader of snapshot documents (see {@link StrictReader}) with the snapshot's error. */
final class SnapshotJson {
    static final StrictReader READ = new StrictReader(SnapshotJson::bad);

    private SnapshotJson() {
    }

    static MemosException bad(String what) {
        return MemosException.integrity("the snapshot is malformed (" + Json.printable(what) + "): it is damaged or from a newer memos");
    }
}
