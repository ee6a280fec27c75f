package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.KeyFingerprint;
import dev.memos.crypto.Ed25519;
import dev.memos.encoding.Base64Url;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20 leftover: every change of an identity pin is a pin_change event (pin, replace, trust on first use, unpin). */
class IdPinAuditTest {
    @TempDir
    Path tmp;

    private CliHarness cli;

    @BeforeEach
    void offlineHome() {
        cli = new CliHarness(tmp.resolve("home"));
        assertEquals(0, cli.run("config", "set", "local.node", "http://127.0.0.1:9").exit());
    }

    private String pinEvents() {
        CliHarness.Run q = cli.run("audit", "query", "--event", "pin_change");
        assertEquals(0, q.exit(), q.err());
        return q.out();
    }

    @Test
    void pin_replace_and_unpin_each_write_a_pin_change_event_naming_the_fingerprint() {
        String id = ForgedKeyTest.randomId();
        Ed25519 first = Forgeries.freshKey();
        Ed25519 second = Forgeries.freshKey();
        assertEquals(0, cli.run("id", "pin", id, "--key", Base64Url.encode(first.publicKey())).exit());
        assertEquals(0, cli.run("id", "pin", id, "--key", Base64Url.encode(second.publicKey()), "--replace").exit());
        assertEquals(0, cli.run("id", "unpin", id).exit());
        String events = pinEvents();
        assertTrue(events.contains("action=pinned") && events.contains(KeyFingerprint.of(first.publicKey())), events);
        assertTrue(events.contains("action=replaced") && events.contains(KeyFingerprint.of(second.publicKey())), events);
        assertTrue(events.contains("action=forgot"), events);
    }

    /** Trust on first use needs a lookup that answered "no record" (an offline home refuses it): the local devnet. */
    @Test
    @org.junit.jupiter.api.Tag("arlocal")
    void trust_on_first_use_of_a_proof_writes_a_pin_change_event() throws Exception {
        cli = new CliHarness(tmp.resolve("online"));
        String url = dev.memos.arweave.Devnet.url().toString();
        if (!url.equals("http://127.0.0.1:1984")) {
            assertEquals(0, cli.run("config", "set", "local.node", url).exit());
        }
        String id = ForgedKeyTest.randomId();
        Ed25519 key = Forgeries.freshKey();
        Path proof = Forgeries.proof(tmp, id, key, "c1");
        CliHarness.Run r = cli.run("id", "verify-proof", proof.toString(), "--challenge", "c1", "--trust-on-first-use");
        assertEquals(0, r.exit(), r.out() + r.err());
        String events = pinEvents();
        assertTrue(events.contains("action=pinned-on-first-use") && events.contains(KeyFingerprint.of(key.publicKey())), events);
    }
}
