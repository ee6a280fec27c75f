package dev.memos.app.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which original MemOS backups this home has already migrated, and into which snapshot of which
 * repository ({@code $MEMOS_HOME/legacy-migrated.json}, FORMAT.md §16.7). A step is written as soon
 * as its snapshot is stored, so an interrupted {@code migrate --from-legacy} resumes after the last
 * stored one and a second run stores nothing. The journal only says what to skip: a step counts as
 * done only while the repository still lists its snapshot, so a lost or edited journal can make a
 * run store a backup again (packs deduplicated) but never skip one that is not there.
 */
final class MigrationJournal {
    static final String FILE = "legacy-migrated.json";

    private final Path file;

    MigrationJournal(Path file) {
        this.file = file;
    }

    /** A migrated backup: the snapshot it became. */
    record Done(String snapshotId, long sequence) {
    }

    /** What {@code manifestTxId} became in {@code repository} (a repository's describe()), if recorded. */
    Optional<Done> done(String repository, String manifestTxId) {
        JsonNode step = load().path("repositories").path(repository).path(manifestTxId);
        return step.path("snapshot_id").isTextual() && step.path("sequence").canConvertToLong()
                ? Optional.of(new Done(step.path("snapshot_id").asText(), step.path("sequence").asLong())) : Optional.empty();
    }

    /** Records one migrated backup; the caller holds the rollback-index lock (one writer per home). */
    void record(String repository, String manifestTxId, String snapshotId, long sequence) {
        ObjectNode root = load();
        root.put("format", 1);
        ObjectNode repos = child(root, "repositories");
        child(repos, repository).putObject(manifestTxId).put("snapshot_id", snapshotId).put("sequence", sequence);
        try {
            AtomicFile.write(file, CanonicalJson.bytes(root));
        } catch (IOException e) {
            throw MemosException.failure("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private ObjectNode load() {
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject() || n.path("format").asInt() != 1 || !n.path("repositories").isObject()) {
                throw MemosException.integrity(file + " is not a migration journal (format 1): move it away to migrate again");
            }
            return (ObjectNode) n;
        } catch (NoSuchFileException e) {
            return Json.mapper().createObjectNode();
        } catch (IOException e) {
            throw MemosException.integrity(file + " does not parse: " + e.getMessage() + " (move it away to migrate again)");
        }
    }
}
