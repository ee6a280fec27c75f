package dev.memos.token;

import static dev.memos.token.TokenFixtures.APEX;
import static dev.memos.token.TokenFixtures.HUMAN;
import static dev.memos.token.TokenFixtures.NOVA;
import static dev.memos.token.TokenFixtures.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Frozen vectors under src/test/resources/vectors/token/ (docs/FORMAT.md §11.8). Rebuilt here from the
 * published seeds and checked byte for byte; then every vector is run through the verifier using
 * only what the file says. Regenerate (new format versions only) with -Dmemos.vectors.write=true.
 */
class TokenVectorsTest {
    private static final Path DIR = Path.of("src/test/resources/vectors/token");
    private static final String[] LABELS = {"human", "nova", "apex", "apex/skill:weather", "nova/skill:weather", "impostor"};

    /** Nonces 00 01 02 … so the vectors are reproducible; real issuers use SecureRandom. */
    static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private int next;

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) next++;
            }
        }
    }

    private static Map<String, JsonNode> build() {
        TokenFixtures f = new TokenFixtures();
        TokenIssuer issuer = f.issuer(new CountingRandom());
        Map<String, JsonNode> files = new LinkedHashMap<>();

        ObjectNode keys = Json.mapper().createObjectNode();
        keys.put("derivation", "seed = SHA-256(utf8(\"memos-cit-vector:\" + label)); Ed25519 per RFC 8032");
        ObjectNode list = keys.putObject("keys");
        for (String label : LABELS) {
            Ed25519 k = TokenFixtures.key(label);
            ObjectNode o = list.putObject(label);
            o.put("seed", Hex.encode(TokenFixtures.sha256("memos-cit-vector:" + label)));
            o.put("public", Base64Url.encode(k.publicKey()));
        }
        files.put("keys.json", keys);

        ArrayNode accept = Json.mapper().createArrayNode();
        IssuedToken three = issuer.issue(new IssueRequest(NOVA, List.of(APEX), SKILL, Duration.ofSeconds(120), List.of("weather:read")));
        accept.add(acceptVector("three links: human → NOVA → APEX → skill", three, f));
        IssuedToken one = issuer.issue(new IssueRequest(APEX, List.of(), SKILL, Duration.ofSeconds(60), List.of()));
        accept.add(acceptVector("one link: APEX → skill, no scope", one, f));
        files.put("accept.json", accept);

        ArrayNode reject = Json.mapper().createArrayNode();
        long t0 = TokenFixtures.T0.getEpochSecond();
        String t = three.compact();
        int dot = t.lastIndexOf('.');
        byte[] sig = Base64Url.decode(t.substring(dot + 1));
        sig[0] ^= 1;
        reject.add(rejectVector("signature bit flipped", t.substring(0, dot + 1) + Base64Url.encode(sig), t0, SKILL, RejectReason.BAD_SIGNATURE));
        CitToken c = three.claims();
        CitToken raised = new CitToken(c.issuer(), c.audience(), c.issuedAt(), c.expiresAt(), c.nonce(), 99, c.scope(), c.chain());
        reject.add(rejectVector("trust raised to 99, old signature", CitToken.PREFIX + Base64Url.encode(raised.payload()) + t.substring(dot),
                t0, SKILL, RejectReason.BAD_SIGNATURE));
        reject.add(rejectVector("verified 151 s after issue (120 s TTL + 30 s skew)", t, t0 + 151, SKILL, RejectReason.EXPIRED));
        reject.add(rejectVector("verified 31 s before issue", t, t0 - 31, SKILL, RejectReason.NOT_YET_VALID));
        reject.add(rejectVector("sent to another skill", t, t0, "skill:calendar", RejectReason.WRONG_AUDIENCE));
        Ed25519 apexSkill = TokenFixtures.key("apex/skill:weather");
        List<DelegationLink> apexOnly = TokenFixtures.chain(List.of(APEX), List.of(f.apex), apexSkill, List.of("weather:read"));
        reject.add(rejectVector("lifetime 301 s", new CitToken(APEX, SKILL, t0, t0 + 301, TokenFixtures.nonce(9), 55, List.of(), apexOnly)
                .encode(apexSkill), t0, SKILL, RejectReason.TTL_TOO_LONG));
        reject.add(rejectVector("lifetime 59 s", new CitToken(APEX, SKILL, t0, t0 + 59, TokenFixtures.nonce(9), 55, List.of(), apexOnly)
                .encode(apexSkill), t0, SKILL, RejectReason.TTL_TOO_SHORT));
        reject.add(rejectVector("token scope weather:write not granted by its link",
                new CitToken(APEX, SKILL, t0, t0 + 60, TokenFixtures.nonce(9), 55, List.of("weather:write"), apexOnly).encode(apexSkill),
                t0, SKILL, RejectReason.SCOPE_WIDENED));
        List<String> hops = new ArrayList<>();
        List<Ed25519> hopKeys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hops.add("CW-HOP" + i + ".AAAAAA-00");
            hopKeys.add(TokenFixtures.key("nova")); // keys are not what is checked here; the depth is
        }
        reject.add(rejectVector("six links", new CitToken(hops.get(5), SKILL, t0, t0 + 60, TokenFixtures.nonce(9), 55, List.of(),
                TokenFixtures.chain(hops, hopKeys, apexSkill, List.of())).encode(apexSkill), t0, SKILL, RejectReason.DEPTH_EXCEEDED));
        Ed25519 impostor = TokenFixtures.key("impostor");
        DelegationLink fake = DelegationLink.sign(NOVA, impostor, SKILL, SignatureAlgorithm.ED25519, apexSkill.publicKey(), List.of());
        reject.add(rejectVector("impostor key continues human → NOVA", new CitToken(NOVA, SKILL, t0, t0 + 60, TokenFixtures.nonce(9), 55,
                List.of(), List.of(f.humanToNova, fake)).encode(apexSkill), t0, SKILL, RejectReason.BROKEN_CHAIN));
        DelegationLink l = apexOnly.get(0);
        byte[] lsig = l.sig();
        lsig[5] ^= 1;
        DelegationLink badLink = new DelegationLink(l.from(), l.fromAlg(), l.fromKey(), l.to(), l.toAlg(), l.toKey(), l.scope(), lsig);
        reject.add(rejectVector("link signature bit flipped", new CitToken(APEX, SKILL, t0, t0 + 60, TokenFixtures.nonce(9), 55, List.of(),
                List.of(badLink)).encode(apexSkill), t0, SKILL, RejectReason.BAD_LINK_SIGNATURE));
        String spaced = new String(one.claims().payload(), StandardCharsets.UTF_8).replace("{\"aud\"", "{ \"aud\"");
        byte[] sp = spaced.getBytes(StandardCharsets.UTF_8);
        reject.add(rejectVector("payload not canonical (a space)", CitToken.PREFIX + Base64Url.encode(sp) + "."
                + Base64Url.encode(apexSkill.sign(CitToken.signedBytes(sp))), t0, SKILL, RejectReason.MALFORMED));
        files.put("reject.json", reject);
        return files;
    }

    private static ObjectNode acceptVector(String name, IssuedToken t, TokenFixtures f) {
        ObjectNode v = Json.mapper().createObjectNode();
        v.put("name", name);
        v.put("audience", t.claims().audience());
        v.put("now", t.claims().issuedAt());
        v.put("payload", new String(t.claims().payload(), StandardCharsets.UTF_8));
        ArrayNode linkBytes = v.putArray("linkSignedBytesHex");
        t.claims().chain().forEach(l -> linkBytes.add(Hex.encode(l.signedBytes())));
        v.put("tokenSignedBytesHex", Hex.encode(CitToken.signedBytes(t.claims().payload())));
        v.put("token", t.compact());
        ObjectNode e = v.putObject("expect");
        e.put("mociId", t.claims().issuer());
        e.put("trustScore", t.claims().trustScore());
        ArrayNode chain = e.putArray("delegationChain");
        chain.add(t.claims().chain().get(0).from());
        t.claims().chain().forEach(l -> chain.add(l.to()));
        ArrayNode scope = e.putArray("scope");
        t.claims().scope().forEach(scope::add);
        e.put("replayed", RejectReason.REPLAYED_NONCE.code());
        return v;
    }

    private static ObjectNode rejectVector(String name, String token, long now, String audience, RejectReason reason) {
        ObjectNode v = Json.mapper().createObjectNode();
        v.put("name", name);
        v.put("audience", audience);
        v.put("now", now);
        v.put("token", token);
        v.put("reason", reason.code());
        return v;
    }

    @Test
    void reproduces_vectors_byte_for_byte() throws Exception {
        Map<String, JsonNode> built = build();
        if (Boolean.getBoolean("memos.vectors.write")) {
            Files.createDirectories(DIR);
            for (Map.Entry<String, JsonNode> e : built.entrySet()) {
                Files.writeString(DIR.resolve(e.getKey()),
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(e.getValue()) + "\n");
            }
        }
        for (Map.Entry<String, JsonNode> e : built.entrySet()) {
            JsonNode frozen = Json.mapper().readTree(Files.readAllBytes(DIR.resolve(e.getKey())));
            // canonical text: numbers compare by value whatever node type Jackson picked
            assertTrue(dev.memos.encoding.CanonicalJson.string(frozen).equals(dev.memos.encoding.CanonicalJson.string(e.getValue())),
                    e.getKey() + " differs from what this build produces");
        }
    }

    private static TokenVerifier verifierAt(JsonNode v) {
        Clock at = Clock.fixed(Instant.ofEpochSecond(v.get("now").asLong()), ZoneOffset.UTC);
        return TokenVerifier.builder(v.get("audience").asText()).clock(at).build();
    }

    @Test
    void accept_vectors_verify_and_then_replay() throws Exception {
        JsonNode accept = Json.mapper().readTree(Files.readAllBytes(DIR.resolve("accept.json")));
        for (JsonNode v : accept) {
            TokenVerifier verifier = verifierAt(v);
            Verification r = verifier.verify(v.get("token").asText());
            assertTrue(r.valid(), v.get("name") + ": " + r);
            JsonNode e = v.get("expect");
            assertEquals(e.get("mociId").asText(), r.token().mociId());
            assertEquals(e.get("trustScore").asInt(), r.token().trustScore());
            assertEquals(Json.mapper().convertValue(e.get("delegationChain"), List.class), r.token().delegationChain());
            assertEquals(Json.mapper().convertValue(e.get("scope"), List.class), r.token().scope());
            assertEquals(e.get("replayed").asText(), verifier.verify(v.get("token").asText()).reason().orElseThrow().code());
        }
    }

    @Test
    void reject_vectors_fail_for_their_stated_reason() throws Exception {
        JsonNode reject = Json.mapper().readTree(Files.readAllBytes(DIR.resolve("reject.json")));
        assertTrue(reject.size() >= 12);
        for (JsonNode v : reject) {
            Verification r = verifierAt(v).verify(v.get("token").asText());
            assertEquals(v.get("reason").asText(), r.reason().map(RejectReason::code).orElse("valid"), v.get("name").asText());
        }
    }

    /** A second Ed25519 implementation (the JDK's, not BouncyCastle) accepts every accept-vector signature. */
    @Test
    void accept_vector_signatures_check_with_the_jdk_ed25519() throws Exception {
        JsonNode accept = Json.mapper().readTree(Files.readAllBytes(DIR.resolve("accept.json")));
        java.security.KeyFactory kf = java.security.KeyFactory.getInstance("Ed25519");
        for (JsonNode v : accept) {
            String token = v.get("token").asText();
            String[] parts = token.split("\\.");
            JsonNode payload = Json.mapper().readTree(Base64Url.decode(parts[1]));
            JsonNode chain = payload.get("chain");
            for (int i = 0; i < chain.size(); i++) {
                JsonNode link = chain.get(i);
                assertTrue(jdkVerify(kf, Base64Url.decode(link.get("fromKey").asText()),
                        Hex.decode(v.get("linkSignedBytesHex").get(i).asText()), Base64Url.decode(link.get("sig").asText())));
            }
            byte[] skillKey = Base64Url.decode(chain.get(chain.size() - 1).get("toKey").asText());
            assertTrue(jdkVerify(kf, skillKey, Hex.decode(v.get("tokenSignedBytesHex").asText()), Base64Url.decode(parts[2])));
        }
    }

    private static boolean jdkVerify(java.security.KeyFactory kf, byte[] raw, byte[] msg, byte[] sig) throws Exception {
        byte[] spki = Hex.decode("302a300506032b6570032100" + Hex.encode(raw));
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initVerify(kf.generatePublic(new java.security.spec.X509EncodedKeySpec(spki)));
        s.update(msg);
        return s.verify(sig);
    }
}
