package dev.memos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One logged event as stored: the exact bytes of {@link #encode()} are what the chained HMAC and the
 * Merkle leaf cover (FORMAT.md §12.2). Layout: u8 version | u64 index | i64 time (ms since the epoch) |
 * u16 len | event | u16 len | identity | u32 len | details (canonical JSON object of strings).
 */
public record AuditEntry(long index, long timeMillis, String event, String identity, SortedMap<String, String> details) {
    public static final int VERSION = 1;
    static final int MAX_DETAILS_BYTES = 64 * 1024;
    /** Offset of the u64 index inside the encoded entry: lets a verifier check order without decoding. */
    static final int INDEX_OFFSET = 1;
    /** A detail key that names secret material is refused, so a careless caller cannot log a key. */
    private static final List<String> SECRET_WORDS =
            List.of("passphrase", "password", "private", "secret", "seed", "mnemonic", "signing_key", "priv_key", "privkey");

    public AuditEntry {
        if (index < 0) {
            throw new IllegalArgumentException("negative audit index");
        }
        if (!AuditEvents.wellFormed(event)) {
            throw new IllegalArgumentException("audit event type must match [a-z][a-z0-9_]{0,63}: " + event);
        }
        identity = identity == null ? "" : identity;
        if (identity.length() > 256) {
            throw new IllegalArgumentException("audit identity longer than 256 characters");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> d : details.entrySet()) {
            if (looksSecret(d.getKey())) {
                throw new IllegalArgumentException("audit detail '" + d.getKey() + "' looks like secret material: log facts, never secrets");
            }
            copy.put(d.getKey(), d.getValue() == null ? "" : d.getValue());
        }
        details = Collections.unmodifiableSortedMap(copy);
    }

    /** Case-insensitive substring test (a regex here cost more than the rest of an append). */
    static boolean looksSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (k.contains(w)) {
                return true;
            }
        }
        return false;
    }

    public Instant time() {
        return Instant.ofEpochMilli(timeMillis);
    }

    /** For --json output: index, time (ISO-8601), event, identity, details. */
    public Map<String, Object> toData() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("index", index);
        m.put("time", time().toString());
        m.put("event", event);
        m.put("identity", identity);
        m.put("details", details);
        return m;
    }

    /** One line for people: "#12  2026-11-27T04:00:00Z  backup  agent-1  tx=abc". */
    public String toLine() {
        StringBuilder b = new StringBuilder().append('#').append(index).append("  ").append(time()).append("  ").append(event);
        b.append("  ").append(identity.isEmpty() ? "-" : identity);
        details.forEach((k, v) -> b.append("  ").append(k).append('=').append(v.replaceAll("\\p{Cntrl}", "?")));
        return b.toString();
    }

    public byte[] encode() {
        byte[] ev = event.getBytes(StandardCharsets.UTF_8);
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        byte[] det = detailsJson(details);
        if (det.length > MAX_DETAILS_BYTES || id.length > 0xFFFF) {
            throw new IllegalArgumentException("audit details larger than " + MAX_DETAILS_BYTES + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 2 + ev.length + 2 + id.length + 4 + det.length);
        b.put((byte) VERSION).putLong(index).putLong(timeMillis);
        b.putShort((short) ev.length).put(ev);
        b.putShort((short) id.length).put(id);
        b.putInt(det.length).put(det);
        return b.array();
    }

    /** Decodes and re-encodes: anything but the one canonical encoding is refused. */
    public static AuditEntry decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != VERSION) {
                throw new IllegalArgumentException("unknown audit entry version");
            }
            long index = b.getLong();
            long time = b.getLong();
            String event = string(b, b.getShort() & 0xFFFF);
            String identity = string(b, b.getShort() & 0xFFFF);
            int detLen = b.getInt();
            if (detLen < 0 || detLen != b.remaining()) {
                throw new IllegalArgumentException("audit entry length fields disagree");
            }
            byte[] det = new byte[detLen];
            b.get(det);
            AuditEntry e = new AuditEntry(index, time, event, identity, parseDetails(det));
            if (!java.util.Arrays.equals(e.encode(), bytes)) {
                throw new IllegalArgumentException("audit entry is not canonically encoded");
            }
            return e;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("audit entry truncated", e);
        }
    }

    /** The index field of encoded entry bytes, read without decoding the rest. */
    static long indexOf(byte[] entry, int offset) {
        return ByteBuffer.wrap(entry, offset + INDEX_OFFSET, 8).getLong();
    }

    /**
     * Time, event and identity read from the fixed header of encoded entry bytes without parsing the
     * details: lets a query skip non-matching entries at a fraction of a full decode.
     */
    record Header(long timeMillis, String event, String identity) {
        static Header of(byte[] buf, int len) {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
            b.position(INDEX_OFFSET + 8);
            long time = b.getLong();
            String event = string(b, b.getShort() & 0xFFFF);
            String identity = string(b, b.getShort() & 0xFFFF);
            return new Header(time, event, identity);
        }
    }

    private static String string(ByteBuffer b, int len) {
        byte[] raw = new byte[len];
        b.get(raw);
        return new String(raw, StandardCharsets.UTF_8);
    }

    static byte[] detailsJson(SortedMap<String, String> details) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        details.forEach(node::put);
        return CanonicalJson.bytes(node);
    }

    private static SortedMap<String, String> parseDetails(byte[] json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("audit details are not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("audit details are not a JSON object");
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!f.getValue().isTextual()) {
                throw new IllegalArgumentException("audit detail '" + f.getKey() + "' is not a string");
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
        return out;
    }
}
