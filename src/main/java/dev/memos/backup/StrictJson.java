package dev.memos.backup;

import dev.memos.encoding.Json;
import dev.memos.encoding.StrictReader;
import dev.memos.error.MemosException;

/** The strict field reader of manifests (see {@link StrictReader}) with the manifest's error. */
final class StrictJson {
    static final StrictReader READ = new StrictReader(StrictJson::bad);

    private StrictJson() {
    }

    static MemosException bad(String what) {
        return MemosException.integrity("the manifest is malformed (" + printable(what) + "): the bundle is damaged or from a newer memos");
    }

    /** Manifest text is attacker-controlled: no line breaks or terminal controls in the one-line error, and bounded. */
    static String printable(String s) {
        return Json.printable(s);
    }
}
