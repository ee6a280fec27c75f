package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One memory in plaintext. {@code writer} is who wrote it (agent isolation); {@code flags} are the
 * anti-injection findings (a flagged entry is kept and shown but never fed to a summariser);
 * {@code summarizer} names what produced a ring-1/2 entry ("" for ring 0); {@code sources} is how
 * many entries it summarises.
 */
public record Entry(long seq, int ring, String kind, String writer, long time, String text, List<String> flags,
                    String summarizer, int sources) {

    public Entry {
        flags = List.copyOf(flags);
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }

    public Entry movedTo(int newRing, String newKind, String newText, String by) {
        return new Entry(seq, newRing, newKind, writer, time, newText, flags, by, sources);
    }

    ObjectNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("seq", seq);
        n.put("ring", ring);
        n.put("kind", kind);
        n.put("writer", writer);
        n.put("time", time);
        n.put("text", text);
        ArrayNode f = n.putArray("flags");
        flags.forEach(f::add);
        n.put("summarizer", summarizer);
        n.put("sources", sources);
        return n;
    }

    byte[] canonical() {
        return CanonicalJson.bytes(toJson());
    }

    static Entry fromJson(JsonNode n) {
        List<String> flags = new ArrayList<>();
        n.get("flags").forEach(f -> flags.add(f.textValue()));
        return new Entry(n.get("seq").longValue(), n.get("ring").intValue(), n.get("kind").textValue(),
                n.get("writer").textValue(), n.get("time").longValue(), n.get("text").textValue(), flags,
                n.get("summarizer").textValue(), n.get("sources").intValue());
    }
}
