package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The strict reading the signed identity records share (the inception record, FORMAT.md §13.2, and
 * key events, §13.6): exactly the listed members, the record's format string, a valid ID, a known
 * algorithm with a key of its length, a 64-byte signature. One reader, so a record type cannot grow a
 * laxer check than its sibling; every failure is INTEGRITY, worded "<record> rejected: <what>".
 */
final class StrictRecord {
    private final JsonNode n;
    private final String record;

    private StrictRecord(JsonNode n, String record) {
        this.n = n;
        this.record = record;
    }

    /** Parses {@code bytes} (at most {@code maxBytes}) and checks members and format. */
    static StrictRecord parse(byte[] bytes, int maxBytes, Set<String> members, String format, String record) {
        if (bytes.length > maxBytes) {
            throw bad(record, "longer than " + maxBytes + " bytes");
        }
        try {
            return of(Json.mapper().readTree(bytes), members, format, record);
        } catch (IOException e) {
            throw bad(record, "not JSON");
        }
    }

    /** Checks an already parsed object: exactly {@code members}, and {@code format} as its format. */
    static StrictRecord of(JsonNode n, Set<String> members, String format, String record) {
        if (n == null || !n.isObject()) {
            throw bad(record, "not a JSON object");
        }
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        if (!names.equals(members)) {
            throw bad(record, "members must be exactly " + members);
        }
        if (!format.equals(n.get("format").textValue())) {
            throw bad(record, "format is not " + format);
        }
        return new StrictRecord(n, record);
    }

    static MemosException bad(String record, String what) {
        return MemosException.integrity(record + " rejected: " + what);
    }

    MemosException bad(String what) {
        return bad(record, what);
    }

    JsonNode node(String member) {
        return n.get(member);
    }

    String id() {
        String id = text("id");
        IdValidation v = IdValidation.check(id);
        if (!v.valid()) {
            throw bad("id: " + v.message());
        }
        return id;
    }

    SignatureAlgorithm alg() {
        try {
            return SignatureAlgorithm.fromId(text("alg"));
        } catch (IllegalArgumentException e) {
            throw bad("alg is not ed25519 or ecdsa-p256-sha256");
        }
    }

    byte[] publicKey(SignatureAlgorithm alg) {
        byte[] key = b64("publicKey");
        if (key.length != (alg == SignatureAlgorithm.ED25519 ? 32 : 65)) {
            throw bad("publicKey has " + key.length + " bytes, not the length of an " + alg.id() + " key");
        }
        return key;
    }

    byte[] signature() {
        byte[] sig = b64("signature");
        if (sig.length != 64) {
            throw bad("signature has " + sig.length + " bytes, not 64");
        }
        return sig;
    }

    long nonNegative(String member) {
        JsonNode v = n.get(member);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw bad(member + " is not a non-negative integer");
        }
        return v.longValue();
    }

    String text(String member) {
        if (!n.get(member).isTextual()) {
            throw bad(member + " is not a string");
        }
        return n.get(member).textValue();
    }

    byte[] b64(String member) {
        try {
            return Base64Url.decode(text(member));
        } catch (IllegalArgumentException e) {
            throw bad(member + " is not base64url");
        }
    }
}
