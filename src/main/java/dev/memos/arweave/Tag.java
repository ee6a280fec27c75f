package dev.memos.arweave;

import java.nio.charset.StandardCharsets;

/** A transaction or data item tag; names and values are UTF-8 text on the wire. */
public record Tag(String name, String value) {
    public byte[] nameBytes() {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] valueBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
