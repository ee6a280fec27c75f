package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;

/** The portable form of a chain inside proofs: {@code {"archive": b64url, "baseIndex", "baseHash", "window", ...}}. */
final class ChainCodec {
    private ChainCodec() {
    }

    static ObjectNode toJson(Chain c) {
        ObjectNode n = c.toJson();
        n.put("archive", Base64Url.encode(c.archive.encode()));
        return n;
    }

    /** Parses a chain received from outside; it is checked against its head by the caller before use. */
    static Chain fromJson(String id, JsonNode n) {
        try {
            return Chain.fromJson(id, n, Archive.decode(Base64Url.decode(n.get("archive").textValue())));
        } catch (NullPointerException | IllegalArgumentException | ClassCastException e) {
            throw MemosException.integrity("the chain in the proof is malformed");
        }
    }
}
