package dev.memos.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.SecretSource;
import dev.memos.identity.Tier;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.ring.FileRollbackCounter;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity-store-backed issuer directory: lifecycle, quarantine, trust and the tier key. */
class IdentityIssuersTest {
    private static final SecretSource SECRETS = SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, "pass phrase 1"));

    @TempDir
    Path root;
    MemosHome home;
    IdentityStore store;
    IdentityInfo nova;
    final List<UnlockedIdentity> unlocked = new ArrayList<>();
    final AtomicInteger unlocks = new AtomicInteger();

    @BeforeEach
    void setUp() {
        home = MemosHome.at(root).ensure();
        store = IdentityStore.open(home);
        nova = store.create("nova", Tier.DEVICE, SECRETS);
    }

    private IdentityIssuers issuers(RingTrust.Reader trust) {
        return new IdentityIssuers(store, trust, id -> {
            unlocks.incrementAndGet();
            UnlockedIdentity u = store.unlock(id, SECRETS);
            unlocked.add(u);
            return u;
        });
    }

    private TokenIssuer tokenIssuer(IdentityIssuers issuers) {
        DeviceSealedKeyStore keys = new DeviceSealedKeyStore(home.resolve("identities"), DeviceKey.loadOrCreate(root));
        keys.generate(nova.id().toString(), "skill:weather", false);
        return TokenIssuer.builder().issuers(issuers).keys(keys).build();
    }

    private IssueRequest request() {
        return new IssueRequest(nova.id().toString(), List.of(), "skill:weather", Duration.ofSeconds(60), List.of());
    }

    @Test
    void active_identity_issues_with_its_ring_trust_score_and_its_stored_key() {
        IdentityIssuers dir = issuers((id, rings) -> new RingTrust.Standing(57, false));
        Issuer i = dir.find(nova.id().toString()).orElseThrow();
        assertEquals(IssuerState.ACTIVE, i.state());
        assertEquals(57, i.trustScore());
        assertArrayEquals(nova.publicKey(), i.publicKey());
        assertEquals(0, unlocks.get(), "reading an issuer unlocks nothing");
        IssuedToken t = tokenIssuer(dir).issue(request());
        assertEquals(57, t.claims().trustScore());
        assertArrayEquals(nova.publicKey(), t.claims().chain().get(0).fromKey(), "the identity's tier key signs the link");
        assertEquals(1, unlocks.get());
    }

    @Test
    void quarantined_identity_cannot_issue() {
        IdentityIssuers dir = issuers((id, rings) -> new RingTrust.Standing(10, true));
        assertEquals(IssuerState.QUARANTINED, dir.find(nova.id().toString()).orElseThrow().state());
        MemosException e = assertThrows(MemosException.class, () -> tokenIssuer(dir).issue(request()));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("quarantined"), e.getMessage());
        assertEquals(0, unlocks.get(), "refused before any key is touched");
    }

    @Test
    void suspended_identity_cannot_issue() {
        store.suspend(nova.id());
        IdentityIssuers dir = issuers((id, rings) -> RingTrust.NO_CHAIN);
        assertEquals(IssuerState.SUSPENDED, dir.find(nova.id().toString()).orElseThrow().state());
        assertThrows(MemosException.class, () -> tokenIssuer(dir).issue(request()));
    }

    @Test
    void revoked_identity_is_a_revoked_issuer() {
        store.revoke(nova.id(), SECRETS);
        IdentityIssuers dir = issuers((id, rings) -> RingTrust.NO_CHAIN);
        assertEquals(IssuerState.REVOKED, dir.find(nova.id().toString()).orElseThrow().state());
    }

    @Test
    void unknown_or_malformed_ids_are_not_found() {
        IdentityIssuers dir = issuers((id, rings) -> RingTrust.NO_CHAIN);
        assertTrue(dir.find("CW-GHOST.R7KMX2-E2").isEmpty());
        assertTrue(dir.find("../../etc").isEmpty());
        assertTrue(dir.find("skill:weather").isEmpty());
    }

    @Test
    void rejects_an_unlocked_key_that_is_not_the_stored_one() {
        IdentityInfo other = store.create("apex", Tier.DEVICE, SECRETS);
        IdentityIssuers dir = new IdentityIssuers(store, (id, rings) -> RingTrust.NO_CHAIN, id -> store.unlock(other.id(), SECRETS));
        MemosException e = assertThrows(MemosException.class, () -> dir.find(nova.id().toString()).orElseThrow().delegationSigner());
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void ring_trust_reads_the_real_rings_without_unlocking() {
        String id = nova.id().toString();
        Path rings = nova.directory().resolve("rings");
        DeviceKey device = DeviceKey.loadOrCreate(root);
        RingTrust.Reader reader = RingTrust.of(root, device, Clock.systemUTC());
        assertEquals(RingTrust.NO_CHAIN, reader.read(id, rings), "no chain yet: New, not quarantined");
        try (UnlockedIdentity u = store.unlock(nova.id(), SECRETS); RingKeys keys = RingKeys.derive(device, id)) {
            RingStore.builder().dir(rings).id(id).signer(u.signer()).keys(keys).writer(id)
                    .counter(new FileRollbackCounter(FileRollbackCounter.defaultPath(root, id), id, keys)).open()
                    .add("first memory", "note");
        }
        RingTrust.Standing s = reader.read(id, rings);
        assertEquals(10, s.trustScore());
        assertFalse(s.quarantined());
    }

    @Test
    void rejects_deleted_rings_to_shed_a_bad_history() throws Exception {
        String id = nova.id().toString();
        Path rings = nova.directory().resolve("rings");
        DeviceKey device = DeviceKey.loadOrCreate(root);
        try (UnlockedIdentity u = store.unlock(nova.id(), SECRETS); RingKeys keys = RingKeys.derive(device, id)) {
            RingStore.builder().dir(rings).id(id).signer(u.signer()).keys(keys).writer(id)
                    .counter(new FileRollbackCounter(FileRollbackCounter.defaultPath(root, id), id, keys)).open();
        }
        Files.delete(rings.resolve(RingStore.FILE));
        Files.delete(dev.memos.store.MirroredFile.copyOf(rings.resolve(RingStore.FILE))); // both: the copy alone would repair it
        MemosException e = assertThrows(MemosException.class, () -> RingTrust.of(root, device, Clock.systemUTC()).read(id, rings));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }
}
