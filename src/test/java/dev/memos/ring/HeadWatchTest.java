package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.app.identity.HeadWatch;
import dev.memos.encoding.Json;
import dev.memos.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic clone detection through published heads (issue 16 §2), with an in-memory "Arweave".
 * Lives in the ring package for its fixture; it tests {@link HeadWatch} of the app layer.
 */
class HeadWatchTest {
    @TempDir
    Path a;
    @TempDir
    Path b;

    /** Items by id with their tags, like the index and a gateway together. */
    static final class Net implements HeadWatch.Channel {
        final Map<String, byte[]> data = new LinkedHashMap<>();
        final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        int lists;

        @Override
        public String upload(byte[] bytes, Map<String, String> t) {
            String id = String.format("%043d", data.size() + 1);
            data.put(id, bytes);
            tags.put(id, t);
            return id;
        }

        @Override
        public List<HeadWatch.Candidate> list(Map<String, String> t) {
            lists++;
            List<HeadWatch.Candidate> out = new ArrayList<>();
            tags.forEach((id, have) -> {
                if (have.entrySet().containsAll(t.entrySet())) {
                    out.add(new HeadWatch.Candidate(id, null));
                }
            });
            return out;
        }

        @Override
        public Optional<byte[]> fetch(String txId, int maxBytes) {
            return Optional.ofNullable(data.get(txId));
        }
    }

    private static HeadWatch watch(Net net, RingFixture f) {
        return HeadWatch.builder().channel(net).clock(f.clock).stateFile(f.home.resolve("head-watch.json")).build();
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void writeAndPromote(RingFixture f, RingStore s, String text) {
        s.add(text, "event");
        f.clock.advance(Duration.ofHours(25));
        assertTrue(s.promote().moved());
    }

    @Test
    void clone_made_with_a_copy_of_the_home_is_quarantined_on_both_sides_and_resolve_fork_still_works() throws Exception {
        Net net = new Net();
        RingFixture fa = new RingFixture(a);
        RingStore real = fa.open();
        writeAndPromote(fa, real, "life before the copy");
        assertFalse(watch(net, fa).run(new HeadWatch.Request(real, true, true)).fork());
        copyTree(a, b);
        RingFixture fb = new RingFixture(b, new MutableClock(fa.clock.instant()), RingFixture.seed(7));
        RingStore clone = fb.open();
        writeAndPromote(fa, real, "the real agent met Carol");
        writeAndPromote(fb, clone, "the clone drained a wallet");

        HeadWatch.Result first = watch(net, fa).run(new HeadWatch.Request(real, true, true));
        assertFalse(first.fork(), "only this copy's own heads are published yet");
        assertTrue(first.published());
        HeadWatch.Result onClone = watch(net, fb).run(new HeadWatch.Request(clone, true, true));
        assertTrue(onClone.fork());
        assertTrue(clone.quarantined());
        HeadWatch.Result onReal = watch(net, fa).run(new HeadWatch.Request(real, true, true));
        assertTrue(onReal.fork(), "the clone published its head before it checked");
        assertTrue(real.quarantined());
        for (Path dir : List.of(fa.dir(), fb.dir())) {
            JsonNode proof = Json.mapper().readTree(Files.readAllBytes(dir.resolve(RingStore.FORK_PROOF)));
            ForkProof.fromJson(proof).check(); // verifiable with no secret
        }
        assertTrue(fa.events.contains("fork-detected"));

        ForkGuard.resolve(real, "operator: this copy is the genuine one");
        fa.clock.advance(Duration.ofMinutes(5));
        HeadWatch.Result after = watch(net, fa).run(new HeadWatch.Request(real, true, true));
        assertFalse(after.fork(), "the heads of the resolved fork are not raised again");
        assertFalse(real.quarantined());
        real.add("back to work", "note");
    }

    @Test
    void a_clone_that_writes_after_the_resolution_is_caught_again() throws Exception {
        Net net = new Net();
        RingFixture fa = new RingFixture(a);
        RingStore real = fa.open();
        watch(net, fa).run(new HeadWatch.Request(real, true, true));
        copyTree(a, b);
        RingFixture fb = new RingFixture(b, new MutableClock(fa.clock.instant()), RingFixture.seed(7));
        RingStore clone = fb.open();
        writeAndPromote(fa, real, "real");
        watch(net, fa).run(new HeadWatch.Request(real, true, true));
        writeAndPromote(fb, clone, "clone");
        watch(net, fb).run(new HeadWatch.Request(clone, true, true));
        assertTrue(watch(net, fa).run(new HeadWatch.Request(real, true, true)).fork());
        ForkGuard.resolve(real, "genuine");
        assertFalse(watch(net, fa).run(new HeadWatch.Request(real, true, true)).fork());
        // the clone's operator also calls its copy genuine and keeps writing: its new heads are newer than our resolution
        watch(net, fb).run(new HeadWatch.Request(clone, true, true));
        ForkGuard.resolve(clone, "the clone claims to be genuine");
        fb.clock.advance(Duration.ofHours(2));
        writeAndPromote(fb, clone, "clone again");
        assertTrue(watch(net, fb).run(new HeadWatch.Request(clone, true, true)).published());
        fa.clock.set(fb.clock.instant());
        assertTrue(watch(net, fa).run(new HeadWatch.Request(real, true, true)).fork());
        assertTrue(real.quarantined());
    }

    @Test
    void forged_heads_and_heads_of_another_identity_under_our_tag_are_skipped_not_trusted() throws Exception {
        Net net = new Net();
        RingFixture fa = new RingFixture(a);
        RingStore real = fa.open();
        writeAndPromote(fa, real, "honest life");
        SignedHead ours = real.head();
        Map<String, String> ourTag = PublishedHeads.tags(ours.algorithm(), ours.publicKey());
        // a diverging head that names our key but is signed by another one
        RingFixture fx = new RingFixture(b, new MutableClock(fa.clock.instant()), RingFixture.seed(7));
        RingStore fake = fx.open();
        writeAndPromote(fx, fake, "forged past");
        byte[] sig = RingFixture.seed(99).sign(fake.head().signedBytes());
        SignedHead h = fake.head();
        SignedHead forged = new SignedHead(h.id(), h.algorithm(), h.publicKey(), h.genesis(), h.step(), h.stepHash(), h.stepTime(),
                h.firstMonth(), h.months(), h.archiveRoot(), h.recent(), h.summarizer(), sig);
        net.upload(forged.canonical(), ourTag);
        // a validly signed head of another identity (other key) published under our tag
        RingFixture other = new RingFixture(b.resolve("other"), new MutableClock(fa.clock.instant()), RingFixture.seed(8));
        RingStore otherStore = other.open();
        writeAndPromote(other, otherStore, "someone else");
        net.upload(otherStore.head().canonical(), ourTag);
        // our own genuine diverging head, but not in its canonical encoding
        net.upload(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(fake.head().toJson()), ourTag);
        net.upload("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), ourTag);

        HeadWatch.Result r = watch(net, fa).run(new HeadWatch.Request(real, true, false));
        assertFalse(r.fork());
        assertEquals(4, r.headsSkipped());
        assertEquals(0, r.headsCompared());
        assertFalse(real.quarantined());
        assertFalse(Files.exists(fa.dir().resolve(RingStore.FORK_PROOF)));
    }

    @Test
    void hooks_publish_and_check_at_most_once_an_hour_unless_explicit() {
        Net net = new Net();
        RingFixture fa = new RingFixture(a);
        RingStore s = fa.open();
        HeadWatch.Result r1 = watch(net, fa).run(new HeadWatch.Request(s, false, true));
        assertTrue(r1.published());
        assertTrue(r1.checked());
        writeAndPromote(fa, s, "x");
        fa.clock.set(fa.clock.instant()); // no time passes below
        HeadWatch.Result r2 = watch(net, fa).run(new HeadWatch.Request(s, false, true));
        assertTrue(r2.published(), "25 h passed in writeAndPromote: the changed head is due");
        s.add("y", "note");
        HeadWatch.Result r3 = watch(net, fa).run(new HeadWatch.Request(s, false, true));
        assertFalse(r3.published());
        assertFalse(r3.checked());
        assertNull(r3.publishedTx());
        int lists = net.lists;
        assertTrue(watch(net, fa).run(new HeadWatch.Request(s, true, true)).checked());
        assertEquals(lists + 1, net.lists);
        assertEquals(2, net.data.size(), "an unchanged head is never uploaded twice");
    }

    @Test
    void head_tag_is_derived_from_the_public_key_and_never_names_the_id() {
        SignedHead h = new RingFixture(a).open().head();
        Map<String, String> t = PublishedHeads.tags(h.algorithm(), h.publicKey());
        assertFalse(t.values().stream().anyMatch(v -> v.contains("NOVA")));
        assertEquals(43, t.get(PublishedHeads.TAG).length());
        assertFalse(PublishedHeads.tagValue(h.algorithm(), h.publicKey())
                .equals(PublishedHeads.tagValue(h.algorithm(), RingFixture.seed(8).publicKey())));
    }
}
