package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.identity.ImportCheck;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Moving rings to another device. {@code rings.bin} is sealed with this device's keys, so an export
 * carries {@code rings/rings-portable.json} instead: the header, the archive and the entries in
 * plaintext (the identity export file encrypts everything it carries). On import the
 * {@link #importCheck()} verifies the head signature with the identity key and recomputes the chain
 * from genesis before it re-seals every entry with the new device's keys (seed: "HMAC keys
 * re-derived for this device", "Ring 3 chain integrity is verified before import is accepted").
 */
public final class RingPortable {
    public static final String FILE = "rings-portable.json";
    public static final String FORMAT = "memos-rings-portable-v1";

    private RingPortable() {
    }

    /** The portable form of a loaded store (read-only stores too). */
    public static byte[] export(RingStore store) {
        StoreState s = store.state;
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("format", FORMAT);
        n.set("header", s.header());
        n.put("archive", Base64Url.encode(s.chain.archive.encode()));
        ArrayNode entries = n.putArray("entries");
        for (SealedEntry e : s.entries) {
            entries.add(s.open(e, store.keys).toJson());
        }
        return CanonicalJson.bytes(n);
    }

    /** Writes {@code rings/rings-portable.json} beside the store, for an export to pick up (delete it after packing). */
    public static Path writeExport(RingStore store) {
        Path out = store.dir.resolve(FILE);
        try {
            AtomicFile.write(out, export(store));
        } catch (IOException e) {
            throw RingStore.ioFailure("write " + out, e);
        }
        return out;
    }

    /** The import check without a home: chain verified, entries re-sealed; no comparison with local state. */
    public static ImportCheck importCheck() {
        return RingPortable::verifyAndReseal;
    }

    /**
     * After an {@code --allow-older} import: sets this home's rollback counter of the placed identity
     * to {@code generation}, the imported rings' own (else every later load reports a rollback).
     */
    public static void resetCounter(Path home, ImportCheck.Staged placed, long generation) {
        withKeys(placed, keys -> {
            counter(home, placed, keys).advanceTo(generation);
            return null;
        });
    }

    /** The imported rings' generation and this home's rollback counter for the same identity (-1: none). */
    public record Generations(long imported, long local) {
        public boolean older() {
            return local > imported;
        }
    }

    /** Generations of a staged or placed identity folder; empty when it carries no rings. */
    public static java.util.Optional<Generations> generations(Path home, ImportCheck.Staged staged) {
        Path sealed = staged.directory().resolve("rings").resolve(RingStore.FILE);
        if (!Files.exists(sealed)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(withKeys(staged, keys -> {
            try {
                long imported = StoreState.decode(Files.readAllBytes(sealed), staged.id().toString(), keys).generation;
                return new Generations(imported, counter(home, staged, keys).current());
            } catch (IOException e) {
                throw MemosException.failure("cannot read " + sealed + ": " + e.getMessage(), e);
            }
        }));
    }

    private static RollbackCounter counter(Path home, ImportCheck.Staged staged, RingKeys keys) {
        String id = staged.id().toString();
        return new FileRollbackCounter(FileRollbackCounter.defaultPath(home, id), id, keys);
    }

    private static <T> T withKeys(ImportCheck.Staged staged, java.util.function.Function<RingKeys, T> action) {
        try (SecretBytes mac = staged.deviceKey(RingKeys.MAC_LABEL); SecretBytes enc = staged.deviceKey(RingKeys.ENC_LABEL);
             RingKeys keys = RingKeys.of(mac, enc)) {
            return action.apply(keys);
        }
    }

    private static void verifyAndReseal(ImportCheck.Staged staged) {
        Path dir = staged.directory().resolve("rings");
        Path portable = dir.resolve(FILE);
        Path sealed = dir.resolve(RingStore.FILE);
        String id = staged.id().toString();
        try (SecretBytes mac = staged.deviceKey(RingKeys.MAC_LABEL); SecretBytes enc = staged.deviceKey(RingKeys.ENC_LABEL);
             RingKeys keys = RingKeys.of(mac, enc)) {
            if (Files.exists(portable)) {
                byte[] bytes = reseal(Files.readAllBytes(portable), id, staged.publicKey(), keys);
                AtomicFile.write(sealed, bytes);
                Files.delete(portable);
            } else if (Files.exists(sealed)) {
                // Same device (re-import of its own export): it must open and verify as it is.
                StoreState s = StoreState.decode(Files.readAllBytes(sealed), id, keys);
                requireKey(s, staged.publicKey());
                RingVerifier.checkStored(s);
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot re-key the memory rings of " + id + ": " + e.getMessage(), e);
        }
    }

    static byte[] reseal(byte[] portable, String id, byte[] publicKey, RingKeys keys) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(portable);
        } catch (IOException e) {
            throw MemosException.integrity("the exported memory rings are not valid JSON: the export is damaged");
        }
        if (!FORMAT.equals(n.path("format").textValue()) || !id.equals(n.path("header").path("id").textValue())) {
            throw MemosException.integrity("the exported memory rings are not " + FORMAT + " of " + id);
        }
        StoreState s = new StoreState();
        try {
            StoreState.readHeader(s, n.get("header"), Archive.decode(Base64Url.decode(n.get("archive").textValue())));
            requireKey(s, publicKey);
            for (JsonNode e : n.get("entries")) {
                Entry plain = Entry.fromJson(e);
                s.entries.add(SealedEntry.seal(plain, id, keys));
            }
        } catch (NullPointerException | IllegalArgumentException | ClassCastException e) {
            throw MemosException.integrity("the exported memory rings are malformed: the export is damaged");
        }
        RingVerifier.checkStored(s);
        s.imported = true;
        return s.encode(keys);
    }

    private static void requireKey(StoreState s, byte[] publicKey) {
        if (!Arrays.equals(s.publicKey, publicKey)) {
            throw MemosException.integrity("the exported memory rings were signed by another key than the identity's");
        }
    }
}
