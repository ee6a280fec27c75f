package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * The content of {@code identity.json} (docs/FORMAT.md §8): canonical JSON, authenticated by an
 * HMAC-SHA256 under a device-derived key so corruption and local tampering are both detected.
 * Immutable: every change makes a new record with the next generation number.
 */
record IdentityRecord(MociId id, Tier tier, IdentityState state, byte[] publicKey, long created, long updated,
                      long generation, ObjectNode key, ObjectNode revocation, ObjectNode nextKey, ArrayNode keyEvents) {
    static final String FORMAT = "memos-identity";
    static final int VERSION = 1;
    static final String MAC_LABEL = "identity-file-mac";
    private static final Set<String> FIELDS = Set.of("format", "version", "id", "tier", "state", "algorithm", "publicKey",
            "created", "updated", "generation", "key", "revocation", "nextKey", "keyEvents", "mac");

    IdentityRecord {
        publicKey = publicKey.clone();
        key = key.deepCopy();
        revocation = revocation == null ? null : revocation.deepCopy();
        nextKey = nextKey == null ? null : nextKey.deepCopy();
        keyEvents = keyEvents == null ? null : keyEvents.deepCopy();
    }

    /** An identity without a key event log (made before pre-rotation, or tier 3). */
    IdentityRecord(MociId id, Tier tier, IdentityState state, byte[] publicKey, long created, long updated, long generation,
                   ObjectNode key, ObjectNode revocation) {
        this(id, tier, state, publicKey, created, updated, generation, key, revocation, null, null);
    }

    @Override
    public ObjectNode nextKey() {
        return nextKey == null ? null : nextKey.deepCopy();
    }

    @Override
    public ArrayNode keyEvents() {
        return keyEvents == null ? null : keyEvents.deepCopy();
    }

    /** The verified key event log (FORMAT §13.6), if the identity has one. */
    java.util.Optional<KeyEventLog> keyLog() {
        return keyEvents == null ? java.util.Optional.empty() : java.util.Optional.of(KeyEventLog.fromJson(keyEvents));
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public ObjectNode key() {
        return key.deepCopy();
    }

    @Override
    public ObjectNode revocation() {
        return revocation == null ? null : revocation.deepCopy();
    }

    SignatureAlgorithm algorithm() {
        return tier.algorithm();
    }

    IdentityRecord withState(IdentityState next, long now, ObjectNode revocationRecord) {
        return new IdentityRecord(id, tier, next, publicKey, created, now, generation + 1, key,
                revocationRecord != null ? revocationRecord : revocation, nextKey, keyEvents);
    }

    IdentityRecord withKey(ObjectNode newKey, long now) {
        return withKeys(newKey, nextKey, now);
    }

    /** Same key pair(s), new wrapping (a passphrase change re-wraps the pre-rotated next key as well). */
    IdentityRecord withKeys(ObjectNode newKey, ObjectNode newNextKey, long now) {
        return new IdentityRecord(id, tier, state, publicKey, created, now, generation + 1, newKey, revocation, newNextKey, keyEvents);
    }

    /** After a rotation: the revealed key is current, the log has grown by one event. */
    IdentityRecord rotated(byte[] newPublicKey, ObjectNode newKey, ObjectNode newNextKey, KeyEventLog log, long now) {
        return new IdentityRecord(id, tier, state, newPublicKey, created, now, generation + 1, newKey, revocation, newNextKey,
                log.toJson());
    }

    IdentityInfo info(Path directory) {
        return new IdentityInfo(id, tier, state, algorithm(), publicKey, Instant.ofEpochSecond(created),
                Instant.ofEpochSecond(updated), directory);
    }

    /** The fields without the MAC (also the export's identity metadata). */
    ObjectNode body() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("id", id.toString());
        o.put("tier", tier.number());
        o.put("state", state.id());
        o.put("algorithm", algorithm().id());
        o.put("publicKey", Base64Url.encode(publicKey));
        o.put("created", created);
        o.put("updated", updated);
        o.put("generation", generation);
        o.set("key", key.deepCopy());
        if (revocation != null) {
            o.set("revocation", revocation.deepCopy());
        }
        if (nextKey != null) {
            o.set("nextKey", nextKey.deepCopy());
        }
        if (keyEvents != null) {
            o.set("keyEvents", keyEvents.deepCopy());
        }
        return o;
    }

    byte[] encode(SecretBytes macKey) {
        ObjectNode o = body();
        o.put("mac", Base64Url.encode(mac(macKey, CanonicalJson.bytes(body()))));
        return CanonicalJson.bytes(o);
    }

    /** Parses and verifies a file; throws IllegalArgumentException naming the problem. */
    static IdentityRecord decode(byte[] content, SecretBytes macKey, MociId expected) throws Exception {
        JsonNode n = Json.mapper().readTree(content);
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode macNode = o.remove("mac");
        if (macNode == null || !macNode.isTextual()) {
            throw new IllegalArgumentException("no MAC");
        }
        if (!Hash.equal(mac(macKey, CanonicalJson.bytes(o)), Base64Url.decode(macNode.asText()))) {
            throw new IllegalArgumentException("MAC does not verify with this home's device key (damaged, altered or from another device)");
        }
        return fromBody(o, expected);
    }

    /** Reads the fields of an (already authenticated) body; checks types and consistency. */
    static IdentityRecord fromBody(ObjectNode o, MociId expected) {
        o.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "'");
            }
        });
        if (!FORMAT.equals(text(o, "format")) || o.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("not a version-" + VERSION + " identity file");
        }
        MociId id = MociId.parse(text(o, "id"));
        if (expected != null && !expected.equals(id)) {
            throw new IllegalArgumentException("file holds " + id + ", expected " + expected);
        }
        Tier tier = Tier.of(integer(o, "tier").intValue());
        if (!tier.algorithm().id().equals(text(o, "algorithm"))) {
            throw new IllegalArgumentException("algorithm does not match tier " + tier.number());
        }
        byte[] pub = Base64Url.decode(text(o, "publicKey"));
        if (pub.length != (tier.algorithm() == SignatureAlgorithm.ED25519 ? 32 : 65)) {
            throw new IllegalArgumentException("public key has the wrong length");
        }
        JsonNode key = o.get("key");
        JsonNode rev = o.get("revocation");
        if (!(key instanceof ObjectNode) || (rev != null && !(rev instanceof ObjectNode))) {
            throw new IllegalArgumentException("key/revocation must be objects");
        }
        IdentityState state = IdentityState.fromId(text(o, "state"));
        JsonNode next = o.get("nextKey");
        JsonNode events = o.get("keyEvents");
        if ((next == null) != (events == null) || (next != null && !(next instanceof ObjectNode))
                || (events != null && !(events instanceof ArrayNode))) {
            throw new IllegalArgumentException("nextKey (object) and keyEvents (array) must be present together");
        }
        if (events != null) {
            KeyEventLog log = KeyEventLog.fromJson(events);
            if (!log.id().equals(id.toString()) || log.algorithm() != tier.algorithm()
                    || !java.util.Arrays.equals(log.current().publicKey(), pub) || log.current().next() == null) {
                throw new IllegalArgumentException("the key event log does not end in this identity's key with a commitment");
            }
        }
        return new IdentityRecord(id, tier, state, pub, integer(o, "created"), integer(o, "updated"),
                integer(o, "generation"), (ObjectNode) key, (ObjectNode) rev, (ObjectNode) next, (ArrayNode) events);
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    static Long integer(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new IllegalArgumentException("field '" + field + "' missing or not a non-negative integer");
        }
        return v.asLong();
    }

    static byte[] mac(SecretBytes key, byte[] data) {
        return HmacSha256.mac(key, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityRecord r && Arrays.equals(encodeForEquality(), r.encodeForEquality());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encodeForEquality());
    }

    private byte[] encodeForEquality() {
        return CanonicalJson.bytes(body());
    }

    @Override
    public String toString() {
        return "IdentityRecord[" + id + ", tier " + tier.number() + ", " + state.id() + ", gen " + generation + "]";
    }
}
