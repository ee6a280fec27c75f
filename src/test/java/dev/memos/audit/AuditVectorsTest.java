package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces src/test/resources/vectors/audit/audit-v1.json byte for byte (FORMAT.md §12): entry encoding,
 * chain MACs, the framed file, Merkle roots and proofs, key derivation and a signed checkpoint. Run with
 * -Dmemos.writeVectors=true once to create the file; vectors are frozen afterwards.
 */
class AuditVectorsTest {
    private static final Path FILE = Path.of("src/test/resources/vectors/audit/audit-v1.json");
    private static final long TIME = 1_764_201_600_000L; // 2025-11-27T00:00:00Z

    @TempDir
    Path tmp;

    private static List<AuditEntry> entries() {
        List<AuditEntry> out = new ArrayList<>();
        String[] events = {AuditEvents.IDENTITY_CREATED, AuditEvents.CIT_ISSUED, AuditEvents.CIT_REJECTED, AuditEvents.BACKUP,
            AuditEvents.RESTORE_IGNORE_ROLLBACK, AuditEvents.X402_PAYMENT, AuditEvents.UNLOCK_FAILED};
        for (int i = 0; i < events.length; i++) {
            TreeMap<String, String> d = new TreeMap<>();
            d.put("n", Integer.toString(i));
            if (i == 2) {
                d.put("reason", "expired \"cit\" é\n");
            }
            out.add(new AuditEntry(i, TIME + i * 1000L, events[i], i % 2 == 0 ? "agent-1" : "", d));
        }
        return out;
    }

    private ObjectNode compute() throws Exception {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        byte[] device = new byte[32];
        for (int i = 0; i < 32; i++) {
            device[i] = (byte) i;
        }
        MemosHome home = MemosHome.at(tmp.resolve("h")).ensure();
        Files.write(home.resolve(DeviceKey.FILE), device);
        DeviceKey dk = DeviceKey.loadOrCreate(home.root());
        v.put("device_key", Hex.encode(device));
        byte[] macKey;
        try (SecretBytes k = AuditKeys.macKey(dk, AuditKeys.HOME_LOG)) {
            macKey = k.reveal();
        }
        v.put("home_mac_key", Hex.encode(macKey));
        Ed25519 signer = AuditKeys.homeSigner(dk);
        v.put("home_checkpoint_public_key", Base64Url.encode(signer.publicKey()));

        List<AuditEntry> entries = entries();
        ArrayNode arr = v.putArray("entries");
        List<byte[]> leaves = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(RecordReader.MAGIC);
        ChainMac chain = new ChainMac(SecretBytes.copyOf(macKey));
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(macKey, "HmacSHA256"));
        byte[] prev = ChainMac.GENESIS;
        for (AuditEntry e : entries) {
            byte[] enc = e.encode();
            byte[] mac = chain.next(prev, enc, 0, enc.length);
            jdk.update(prev);
            assertArrayEquals(jdk.doFinal(enc), mac, "chain MAC is HMAC-SHA256");
            RecordReader.frame(file, enc, mac, new CRC32C());
            ObjectNode n = arr.addObject();
            n.put("index", e.index());
            n.put("time", e.timeMillis());
            n.put("event", e.event());
            n.put("identity", e.identity());
            n.set("details", Json.mapper().valueToTree(e.details()));
            n.put("encoded", Hex.encode(enc));
            n.put("leaf", Hex.encode(Merkle.leafHash(enc)));
            n.put("mac", Hex.encode(mac));
            leaves.add(Merkle.leafHash(enc));
            prev = mac;
        }
        v.put("log_file", Hex.encode(file.toByteArray()));
        ArrayNode roots = v.putArray("roots");
        for (int n = 0; n <= leaves.size(); n++) {
            roots.add(Hex.encode(Merkle.root(leaves, n)));
        }
        ObjectNode inc = v.putObject("inclusion");
        inc.put("index", 2);
        inc.put("size", 7);
        ArrayNode ip = inc.putArray("path");
        Merkle.inclusionProof(leaves, 2, 7).forEach(h -> ip.add(Hex.encode(h)));
        ObjectNode con = v.putObject("consistency");
        con.put("from", 3);
        con.put("to", 7);
        ArrayNode cp = con.putArray("path");
        Merkle.consistencyProof(leaves, 3, 7).forEach(h -> cp.add(Hex.encode(h)));
        Checkpoint c = Checkpoint.sign(AuditKeys.HOME_LOG, 7, Merkle.root(leaves, 7), TIME + 7000, signer);
        ObjectNode cj = v.putObject("checkpoint");
        cj.put("signed_message", new String(c.signedMessage(), StandardCharsets.UTF_8));
        cj.put("line", new String(c.toBytes(), StandardCharsets.UTF_8));
        signer.close();
        return v;
    }

    @Test
    void reproduces_audit_vectors_byte_for_byte() throws Exception {
        ObjectNode got = compute();
        byte[] pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(got);
        if (Boolean.getBoolean("memos.writeVectors")) {
            Files.write(FILE, pretty);
        }
        assertEquals(new String(Files.readAllBytes(FILE), StandardCharsets.UTF_8), new String(pretty, StandardCharsets.UTF_8));
    }

    @Test
    void vector_log_file_verifies_and_decodes() throws Exception {
        JsonNode want = Json.mapper().readTree(Files.readAllBytes(FILE));
        MemosHome home = MemosHome.at(tmp.resolve("v")).ensure();
        Files.write(home.resolve(DeviceKey.FILE), Hex.decode(want.get("device_key").textValue()));
        Path dir = AuditLogs.homeDirectory(home);
        Files.createDirectories(dir);
        Files.write(dir.resolve(AuditLogs.LOG_FILE), Hex.decode(want.get("log_file").textValue()));
        Files.write(dir.resolve(AuditLogs.CHECKPOINTS_FILE), (want.get("checkpoint").get("line").textValue() + "\n").getBytes(StandardCharsets.UTF_8));
        AuditVerifier.Report r = TestLogs.verifier(home).verify();
        assertEquals(7, r.entries());
        assertEquals(want.get("roots").get(7).textValue(), Hex.encode(r.root()));
        assertEquals(Map.of("n", "2", "reason", "expired \"cit\" é\n"), AuditReader.all(dir).get(2).details());
        assertTrue(Checkpoint.parse(want.get("checkpoint").get("line").textValue().getBytes(StandardCharsets.UTF_8))
                .verifies(dev.memos.crypto.SignatureAlgorithm.ED25519, Base64Url.decode(want.get("home_checkpoint_public_key").textValue())));
    }
}
