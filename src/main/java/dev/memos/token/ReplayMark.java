package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.CopySeals;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.MirroredFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The replay cache's high-water mark: every nonce whose {@code keepUntil} (exp + skew) is at or below
 * {@code purgedThrough} may have been forgotten, so a token in that range can no longer be checked
 * for replay and is refused. Without it, one run with the clock ahead purges live buckets and the
 * same tokens verify again once the clock is back (issue 20 §2). {@code behindReported} is the mark
 * for which a clock behind it was already reported, so the report comes once per mark.
 * Persisted as {@code state.json} (FORMAT.md §11.7) before any bucket file is deleted; a directory
 * without the file (written before this rule) starts at 0.
 */
record ReplayMark(long purgedThrough, long behindReported) {
    static final String FILE = "state.json";
    static final ReplayMark NONE = new ReplayMark(0, 0);
    private static final Set<String> MEMBERS = Set.of("behindReported", "purgedThrough", "v");

    ReplayMark raisedTo(long through) {
        return through <= purgedThrough ? this : new ReplayMark(through, behindReported);
    }

    ReplayMark reported() {
        return new ReplayMark(purgedThrough, purgedThrough);
    }

    /** The clock is at or behind the mark, and that was not reported yet for this mark. */
    boolean behindUnreported(long now) {
        return purgedThrough > 0 && now <= purgedThrough && behindReported != purgedThrough;
    }

    static ReplayMark load(Path dir) {
        Path f = dir.resolve(FILE);
        Optional<byte[]> content = mirror(dir).read();
        return content.isEmpty() ? NONE : parse(content.get(), f);
    }

    /**
     * The mark with its verified copy (FORMAT.md §17), under the directory's lock. A replay directory may
     * live outside any home, so the copy carries a checksum: it repairs damage, as the mark never was MAC'd.
     */
    private static MirroredFile mirror(Path dir) {
        Path f = dir.resolve(FILE);
        return MirroredFile.builder(f).lock(dir.resolve(".lock")).seal(CopySeals.checksum()).check(c -> parse(c, f)).build();
    }

    private static ReplayMark parse(byte[] content, Path f) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(content);
        } catch (IOException e) {
            throw damaged(f, "not JSON");
        }
        if (root == null || !root.isObject() || root.path("v").asInt() != 1) {
            throw damaged(f, "not a version 1 replay state");
        }
        root.fieldNames().forEachRemaining(n -> {
            if (!MEMBERS.contains(n)) {
                throw damaged(f, "unknown member '" + n + "'");
            }
        });
        return new ReplayMark(epoch(root, "purgedThrough", f), epoch(root, "behindReported", f));
    }

    private static long epoch(JsonNode root, String name, Path f) {
        JsonNode n = root.get(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw damaged(f, "'" + name + "' is not a non-negative whole number of seconds");
        }
        return n.longValue();
    }

    private static MemosException damaged(Path f, String what) {
        // Fail closed: without the mark, purged nonces could be replayed. Never show parser internals.
        return MemosException.integrity("replay state " + f + " is damaged (" + what
                + "): tokens cannot be checked for replay; restore the file, or wait " + TokenVerifier.MAX_TTL_SECONDS
                + " s plus the clock skew after the last token and delete the folder");
    }

    void save(Path dir) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("behindReported", behindReported);
        o.put("purgedThrough", purgedThrough);
        o.put("v", 1);
        Path f = dir.resolve(FILE);
        try {
            mirror(dir).write(CanonicalJson.bytes(o));
            PrivateFiles.restrictFile(f);
        } catch (IOException e) {
            // Not saving the mark before deleting buckets would reopen the replay window: refuse instead.
            throw MemosException.failure("cannot write replay state " + f + ": " + e.getMessage(), e);
        }
    }
}
