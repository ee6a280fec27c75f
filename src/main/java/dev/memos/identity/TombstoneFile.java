package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code identities/tombstones.json} (+ .bak): every revoked or deleted id of this home, MAC'd like
 * identity.json. Kept with a backup copy because losing it would let a dead id be reborn.
 */
final class TombstoneFile {
    static final String NAME = "tombstones.json";
    static final String MAC_LABEL = "tombstones-mac";

    private record Content(long generation, List<Tombstone> list) {
    }

    private final BackedUpFile<Content> file;
    private final SecretBytes macKey;

    TombstoneFile(Path identitiesDir, SecretBytes macKey) {
        this.file = new BackedUpFile<>(identitiesDir.resolve(NAME));
        this.macKey = macKey;
    }

    List<Tombstone> read() {
        return load().list();
    }

    private Content load() {
        return file.load(this::parse, Comparator.comparingLong(Content::generation))
                .map(BackedUpFile.Loaded::value).orElse(new Content(0, List.of()));
    }

    /** Adds or replaces the entry for the tombstone's id. Caller holds the home lock. */
    void put(Tombstone t) throws IOException {
        Content c = load();
        List<Tombstone> next = new ArrayList<>();
        for (Tombstone old : c.list()) {
            if (!old.id().equals(t.id())) {
                next.add(old);
            }
        }
        next.add(t);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", "memos-tombstones");
        o.put("version", 1);
        o.put("generation", c.generation() + 1);
        ArrayNode a = o.putArray("tombstones");
        for (Tombstone x : next) {
            ObjectNode e = a.addObject();
            e.put("id", x.id().toString());
            e.put("state", x.state().id());
            e.put("at", x.at().getEpochSecond());
            e.put("algorithm", x.algorithm());
            e.put("publicKey", x.publicKey());
            if (x.revocation() != null) {
                e.put("revocation", x.revocation());
                e.put("signature", x.signature());
            }
        }
        o.put("mac", Base64Url.encode(IdentityRecord.mac(macKey, CanonicalJson.bytes(o))));
        file.save(CanonicalJson.bytes(o));
    }

    private Content parse(byte[] content) throws Exception {
        JsonNode n = Json.mapper().readTree(content);
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException("not a tombstone file");
        }
        JsonNode mac = o.remove("mac");
        if (mac == null || !mac.isTextual()) {
            throw new IllegalArgumentException("no MAC");
        }
        if (!Hash.equal(IdentityRecord.mac(macKey, CanonicalJson.bytes(o)), Base64Url.decode(mac.asText()))) {
            throw new IllegalArgumentException("MAC does not verify");
        }
        List<Tombstone> list = new ArrayList<>();
        for (JsonNode e : o.path("tombstones")) {
            list.add(new Tombstone(MociId.parse(IdentityRecord.text(e, "id")), IdentityState.fromId(IdentityRecord.text(e, "state")),
                    Instant.ofEpochSecond(IdentityRecord.integer(e, "at")), IdentityRecord.text(e, "algorithm"),
                    IdentityRecord.text(e, "publicKey"), e.hasNonNull("revocation") ? e.get("revocation").asText() : null,
                    e.hasNonNull("signature") ? e.get("signature").asText() : null));
        }
        return new Content(IdentityRecord.integer(o, "generation"), List.copyOf(list));
    }
}
