package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeepHashTest {
    @Test
    void matches_reference_vectors() {
        for (JsonNode v : Vectors.reference().get("deep_hash")) {
            assertEquals(v.get("sha384").asText(), Hex.encode(DeepHash.hash(decode(v.get("input")))), v.get("name").asText());
        }
    }

    @Test
    void streamed_blob_equals_byte_blob() {
        byte[] data = "some data".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(DeepHash.hash(data), DeepHash.hash(new DeepHash.Blob(data.length, DeepHash.sha384(data))));
    }

    @Test
    void list_and_concatenated_blob_differ() {
        byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
        assertFalse(Arrays.equals(DeepHash.hash(ab),
                DeepHash.hash(List.of("a".getBytes(StandardCharsets.US_ASCII), "b".getBytes(StandardCharsets.US_ASCII)))));
    }

    @Test
    void rejects_unknown_value_type() {
        assertThrows(IllegalArgumentException.class, () -> DeepHash.hash("text"));
    }

    private static Object decode(JsonNode n) {
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(x -> out.add(decode(x)));
            return out;
        }
        return Base64Url.decode(n.asText());
    }
}
