package dev.memos.ring;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.testing.MutableClock;
import dev.memos.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One identity's rings in a temporary home: fixed keys, a hand-moved clock, captured events. */
final class RingFixture {
    static final String ID = dev.memos.identity.MociId.of("NOVA", "R7KMX2").toString();
    static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

    final Path home;
    final MutableClock clock;
    final Ed25519 key;
    final RingKeys keys;
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    RingLimits limits = RingLimits.defaults();
    SummaryService summaries = SummaryService.builtin();

    RingFixture(Path home) {
        this(home, new MutableClock(START), seed(7));
    }

    RingFixture(Path home, MutableClock clock, Ed25519 key) {
        this.home = home;
        this.clock = clock;
        this.key = key;
        this.keys = RingKeys.of(fixed(1), fixed(2));
    }

    static Ed25519 seed(int b) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) b);
        return Ed25519.fromSeed(SecretBytes.adopt(s));
    }

    static SecretBytes fixed(int b) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) b);
        return SecretBytes.adopt(s);
    }

    /**
     * Another home at {@code dir} whose clock starts at this one's now and which signs with
     * {@code seed(keySeed)}: this fixture's key (7) makes a thief or a clone, another key another identity.
     */
    RingFixture elsewhere(Path dir, int keySeed) {
        return new RingFixture(dir, new MutableClock(clock.instant()), seed(keySeed));
    }

    /** A copy of this whole home at {@code dir} (the seed's clone: key plus memory snapshot), as {@link #elsewhere}. */
    RingFixture copyTo(Path dir, int keySeed) throws IOException {
        TestFiles.copyTree(home, dir);
        return elsewhere(dir, keySeed);
    }

    Path dir() {
        return home.resolve("identities").resolve(ID).resolve("rings");
    }

    RollbackCounter counter() {
        return new FileRollbackCounter(FileRollbackCounter.defaultPath(home, ID), ID, keys);
    }

    RingStore.Builder builder() {
        return RingStore.builder().dir(dir()).id(ID).signer(key).keys(keys).writer(ID).clock(clock).limits(limits)
                .summaries(summaries).counter(counter()).events((type, fields) -> events.add(type));
    }

    RingStore open() {
        return builder().open();
    }

    RingStore openReadOnly() {
        return builder().signer(null).open();
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
