package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HMAC'd writer state (FORMAT.md §12.10, version 2), frozen in
 * src/test/resources/vectors/audit/state-v2.json: the file a writer produces byte for byte, its HMAC
 * recomputed with the JDK's HmacSHA256 over {@code "memos-audit-state-v2\0" || canonical JSON without
 * "hmac"}. Run once with -Dmemos.writeVectors=true to create the file; frozen afterwards.
 */
class AuditStateVectorTest {
    private static final Path FILE = Path.of("src/test/resources/vectors/audit/state-v2.json");

    @TempDir
    Path tmp;

    private static byte[] key() {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) (0x40 + i);
        }
        return k;
    }

    private static LogState state() {
        return new LogState(3, 311, 212, Hex.decode("11".repeat(32)), List.of(Hex.decode("22".repeat(32)), Hex.decode("33".repeat(32))));
    }

    private ObjectNode compute() throws Exception {
        Path f = tmp.resolve("state.json");
        state().write(f, new ChainMac(SecretBytes.copyOf(key())));
        byte[] written = Files.readAllBytes(f);
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("mac_key", Hex.encode(key()));
        v.put("domain", "memos-audit-state-v2\\0");
        v.put("state_file", new String(written, StandardCharsets.UTF_8));
        ObjectNode body = (ObjectNode) Json.mapper().readTree(written);
        String hmac = body.remove("hmac").asText();
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key(), "HmacSHA256"));
        jdk.update("memos-audit-state-v2\0".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = jdk.doFinal(dev.memos.encoding.CanonicalJson.bytes(body));
        assertEquals(Hex.encode(expected), hmac, "the state HMAC is plain HMAC-SHA256 over domain || canonical body");
        v.put("hmac", hmac);
        return v;
    }

    @Test
    void reproduces_the_state_vector_byte_for_byte() throws Exception {
        byte[] pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(compute());
        if (Boolean.getBoolean("memos.writeVectors")) {
            Files.write(FILE, pretty);
        }
        assertEquals(new String(Files.readAllBytes(FILE), StandardCharsets.UTF_8), new String(pretty, StandardCharsets.UTF_8));
    }

    @Test
    void the_vector_state_reads_as_a_witness_and_a_one_digit_edit_is_refused() throws Exception {
        JsonNode v = Json.mapper().readTree(Files.readAllBytes(FILE));
        Path f = tmp.resolve("state.json");
        String text = v.get("state_file").asText();
        Files.writeString(f, text, StandardCharsets.UTF_8);
        ChainMac chain = new ChainMac(SecretBytes.copyOf(Hex.decode(v.get("mac_key").asText())));
        LogState s = LogState.readWitness(f, chain, "home").orElseThrow();
        assertEquals(3, s.size());
        assertArrayEquals(Hex.decode("11".repeat(32)), s.lastMac());
        Files.writeString(f, text.replace("\"size\":3", "\"size\":2"), StandardCharsets.UTF_8);
        assertTrue(!Files.readString(f).equals(text), "the edit happened");
        assertThrows(AuditIntegrityException.class, () -> LogState.readWitness(f, chain, "home"));
        ChainMac other = new ChainMac(SecretBytes.copyOf(new byte[32]));
        Files.writeString(f, text, StandardCharsets.UTF_8);
        assertThrows(AuditIntegrityException.class, () -> LogState.readWitness(f, other, "home"),
                "a state made under another log's key is refused");
    }
}
