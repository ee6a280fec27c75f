package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything in {@code rings.bin}, in memory, and its byte encoding (FORMAT.md §10.2):
 * {@code "MEMOSRG1" || u32 len || header (canonical JSON) || u32 len || archive || u32 count || entries || HMAC}.
 * Mutated by one operation at a time; a failed operation reloads it from disk.
 */
final class StoreState {
    static final byte[] MAGIC = Bytes.utf8("MEMOSRG1");
    static final String FORMAT = "memos-rings-v1";
    private static final byte[] FILE_DOMAIN = Bytes.utf8("memos-ring-file-v1\u0000");

    String id;
    String owner;
    SignatureAlgorithm algorithm;
    byte[] publicKey;
    long generation;
    long seq;
    long adds;
    long created;
    long lastTime;
    String summarizer;
    int anomalies;
    ObjectNode quarantine;
    /** Set by an import on a new device: a missing rollback counter is then expected, not an anomaly. */
    boolean imported;
    long rateMinute;
    int minuteCount;
    long rateDay;
    int dayCount;
    long dayBytes;
    Chain chain;
    SignedHead head;
    final List<SealedEntry> entries = new ArrayList<>();
    /** Plaintexts already MAC-checked and decrypted in this process, by sealed object (they are immutable). */
    private final java.util.IdentityHashMap<SealedEntry, Entry> opened = new java.util.IdentityHashMap<>();

    Entry open(SealedEntry e, RingKeys keys) {
        Entry plain = opened.get(e);
        if (plain == null) {
            plain = e.open(id, keys);
            opened.put(e, plain);
        }
        return plain;
    }

    List<SealedEntry> ring(int ring) {
        return entries.stream().filter(e -> e.ring() == ring).toList();
    }

    int ring0Bytes() {
        return ring(0).stream().mapToInt(SealedEntry::plainLength).sum();
    }

    ObjectNode header() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("format", FORMAT);
        n.put("id", id);
        n.put("owner", owner);
        n.put("alg", algorithm.id());
        n.put("publicKey", Base64Url.encode(publicKey));
        n.put("generation", generation);
        n.put("seq", seq);
        n.put("adds", adds);
        n.put("created", created);
        n.put("lastTime", lastTime);
        n.put("summarizer", summarizer);
        n.put("anomalies", anomalies);
        n.set("quarantine", quarantine == null ? Json.mapper().nullNode() : quarantine);
        if (imported) {
            n.put("imported", true);
        }
        ObjectNode rate = n.putObject("rate");
        rate.put("minute", rateMinute).put("minuteCount", minuteCount).put("day", rateDay).put("dayCount", dayCount)
                .put("dayBytes", dayBytes);
        n.set("chain", chain.toJson());
        n.set("head", head.toJson());
        return n;
    }

    byte[] encode(RingKeys keys) {
        byte[] header = CanonicalJson.bytes(header());
        byte[] archive = chain.archive.encode();
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            out.write(MAGIC);
            out.write(Bytes.u32(header.length));
            out.write(header);
            out.write(Bytes.u32(archive.length));
            out.write(archive);
            out.write(Bytes.u32(entries.size()));
            for (SealedEntry e : entries) {
                out.write(e.encode());
            }
            out.write(keys.mac(FILE_DOMAIN, out.toByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Parses the header members (everything but entries and archive) into {@code s}. */
    static void readHeader(StoreState s, JsonNode h, Archive archive) {
        s.id = h.get("id").textValue();
        s.owner = h.get("owner").textValue();
        s.algorithm = SignatureAlgorithm.fromId(h.get("alg").textValue());
        s.publicKey = Base64Url.decode(h.get("publicKey").textValue());
        s.generation = h.get("generation").longValue();
        s.seq = h.get("seq").longValue();
        s.adds = h.get("adds").longValue();
        s.created = h.get("created").longValue();
        s.lastTime = h.get("lastTime").longValue();
        s.summarizer = h.get("summarizer").textValue();
        s.anomalies = h.get("anomalies").intValue();
        s.quarantine = h.get("quarantine").isNull() ? null : (ObjectNode) h.get("quarantine");
        s.imported = h.path("imported").asBoolean(false);
        JsonNode r = h.get("rate");
        s.rateMinute = r.get("minute").longValue();
        s.minuteCount = r.get("minuteCount").intValue();
        s.rateDay = r.get("day").longValue();
        s.dayCount = r.get("dayCount").intValue();
        s.dayBytes = r.get("dayBytes").longValue();
        s.chain = Chain.fromJson(s.id, h.get("chain"), archive);
        s.head = SignedHead.fromJson(h.get("head"));
    }

    static StoreState decode(byte[] file, String expectedId, RingKeys keys) {
        String damaged = "the rings file is damaged or was changed outside memos";
        if (file.length < MAGIC.length + 32 + 12 || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw MemosException.integrity(damaged + " (bad magic or truncated): restore the rings folder from a backup");
        }
        byte[] body = Arrays.copyOf(file, file.length - 32);
        if (!Bytes.same(Arrays.copyOfRange(file, file.length - 32, file.length), keys.mac(FILE_DOMAIN, body))) {
            throw MemosException.integrity(damaged + " (file MAC mismatch, or it belongs to another device): "
                    + "restore the rings folder from a backup");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
            JsonNode h = Json.mapper().readTree(take(in, in.getInt()));
            Archive archive = Archive.decode(take(in, in.getInt()));
            int count = in.getInt();
            StoreState s = new StoreState();
            for (int i = 0; i < count; i++) {
                s.entries.add(SealedEntry.decode(in));
            }
            if (in.hasRemaining() || !FORMAT.equals(h.path("format").textValue())) {
                throw MemosException.integrity(damaged + " (layout): restore the rings folder from a backup");
            }
            if (!expectedId.equals(h.path("id").textValue())) {
                throw MemosException.integrity("the rings folder belongs to " + h.path("id").asText("?") + ", not " + expectedId
                        + ": it was moved or copied");
            }
            readHeader(s, h, archive);
            return s;
        } catch (IOException | BufferUnderflowException | NullPointerException | ClassCastException | IllegalArgumentException e) {
            throw MemosException.integrity(damaged + " (unreadable header): restore the rings folder from a backup");
        }
    }

    private static byte[] take(ByteBuffer in, int len) {
        if (len < 0 || len > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] b = new byte[len];
        in.get(b);
        return b;
    }
}
