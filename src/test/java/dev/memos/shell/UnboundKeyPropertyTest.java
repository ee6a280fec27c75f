package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.identity.MociId;
import dev.memos.token.CitToken;
import dev.memos.token.DelegationLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 20, "done when": no command prints "authenticated", "valid", "fork proven" or "revoked" with
 * exit 0 for material not bound to a known key. Random keys and IDs; the target is this home's own
 * identity, an ID pinned to another key, or an ID nobody knows. The home is offline (its node is a
 * closed port), so an unknown ID stays unknown.
 */
class UnboundKeyPropertyTest {
    private static final List<String> VERDICTS = List.of("authenticated", "valid", "fork proven", "revoked");
    private static Path tmp;
    private static CliHarness cli;
    private static String homeId;

    @BeforeContainer
    static void home() throws Exception {
        tmp = Files.createTempDirectory("memos-unbound-");
        cli = new CliHarness(tmp.resolve("home"));
        assertEquals(0, cli.run("config", "set", "local.node", "http://127.0.0.1:9").exit());
        homeId = cli.generate("VICT");
    }

    @AfterContainer
    static void cleanUp() throws Exception {
        try (var walk = Files.walk(tmp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    enum Target { HOME_IDENTITY, PINNED_TO_ANOTHER_KEY, UNKNOWN }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ABCDEFGHJKMNPQRSTVWXYZ0123456789").ofMinLength(2).ofMaxLength(12);
    }

    private static Ed25519 key(long seed) {
        byte[] s = new byte[32];
        new Random(seed).nextBytes(s);
        return Ed25519.fromSeed(SecretBytes.adopt(s));
    }

    private static String token(String id, Ed25519 identityKey, Ed25519 skillKey, long seed) {
        long now = Instant.now().getEpochSecond();
        DelegationLink link = DelegationLink.sign(id, identityKey, "skill:weather", SignatureAlgorithm.ED25519, skillKey.publicKey(), List.of());
        byte[] nonce = new byte[16];
        new Random(seed).nextBytes(nonce);
        return new CitToken(id, "skill:weather", now, now + 120, nonce, 50, List.of(), List.of(link)).encode(skillKey);
    }

    private static void assertNoVerdict(CliHarness.Run r, String what) {
        assertTrue(r.exit() == 8 || r.exit() == 9, what + ": exit " + r.exit() + " " + r.out() + r.err());
        for (String word : VERDICTS) {
            assertFalse(r.exit() == 0 && r.out().toLowerCase(Locale.ROOT).contains(word), what + " printed '" + word + "' with exit 0");
        }
    }

    @Property(tries = 12)
    void unbound_material_never_gets_a_verdict_with_exit_0(@ForAll long seed, @ForAll("names") String name, @ForAll Target target)
            throws Exception {
        Ed25519 forger = key(seed);
        String id = switch (target) {
            case HOME_IDENTITY -> homeId;
            case PINNED_TO_ANOTHER_KEY, UNKNOWN -> MociId.generate(name, new java.security.SecureRandom()).toString();
        };
        if (target == Target.PINNED_TO_ANOTHER_KEY) {
            assertEquals(0, cli.run("id", "pin", id, "--key", Base64Url.encode(key(seed + 1).publicKey())).exit());
        }
        Path dir = Files.createDirectories(tmp.resolve("try-" + System.nanoTime()));
        Path proof = Forgeries.proof(dir, id, forger, "c" + seed);
        assertNoVerdict(cli.run("id", "verify-proof", proof.toString(), "--challenge", "c" + seed), "verify-proof " + target);
        assertNoVerdict(cli.run("id", "verify-proof", proof.toString()), "verify-proof without challenge " + target);
        assertNoVerdict(cli.run("id", "check-fork", Forgeries.forkProof(dir, id, forger).toString()), "check-fork " + target);
        assertNoVerdict(cli.run("token", "verify", token(id, forger, key(seed + 2), seed), "--skill", "skill:weather"),
                "token verify " + target);
    }
}
