package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FORMAT.md §5: local packs keep their own index and never poison the network chain. */
class LocalPackIndexTest {
    @TempDir
    Path tmp;

    @Test
    void local_pack_follows_the_chain_head_without_entering_the_chain() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        RollbackIndex chain = RollbackIndex.at(tmp.resolve("home/rollback-index.json"));
        RollbackIndex local = RollbackIndex.at(tmp.resolve("home/pack-index.json"));
        Manifest backup1 = Fixtures.packer(tmp.resolve("home")).build().pack(in, tmp.resolve("b1.memos")).manifest();
        Manifest pack2 = BundlePacker.builder().key(Fixtures.key()).clock(Fixtures.CLOCK).localPack(local, chain).build()
                .pack(in, tmp.resolve("p2.memos")).manifest();

        assertEquals(2, pack2.sequence());
        assertEquals(backup1.sha256(), pack2.previousManifestSha256().orElseThrow(), "a pack chains to the network head");
        assertEquals(1, chain.latest(backup1.address()).orElseThrow().sequence(), "the chain does not learn of the pack");
        assertTrue(RollbackIndex.check(backup1, false, List.of(chain)).isEmpty(), "restoring backup 1 from the network is no rollback");
        MemosException unpackOld = assertThrows(MemosException.class, () -> RollbackIndex.check(backup1, false, List.of(local, chain)));
        assertEquals(ErrorKind.INTEGRITY, unpackOld.kind(), "unpack still refuses what is older than a local pack");
        assertTrue(unpackOld.getMessage().startsWith("rollback"), unpackOld.getMessage());

        // the next backup takes sequence 2 too: a pack and a backup may share a sequence
        Manifest backup2 = Fixtures.packer(tmp.resolve("home")).build().pack(in, tmp.resolve("b2.memos")).manifest();
        assertEquals(2, backup2.sequence());
        assertTrue(RollbackIndex.check(pack2, false, List.of(local, chain)).isEmpty(), "the home's own pack 2 is no fork");
        assertTrue(RollbackIndex.check(backup2, false, List.of(local, chain)).isEmpty());
        Manifest stranger = Fixtures.packer(tmp.resolve("other")).build().pack(in, tmp.resolve("x1.memos")).manifest();
        Manifest stranger2 = Fixtures.packer(tmp.resolve("other")).build().pack(in, tmp.resolve("x2.memos")).manifest();
        MemosException fork = assertThrows(MemosException.class, () -> RollbackIndex.check(stranger2, false, List.of(local, chain)));
        assertTrue(fork.getMessage().startsWith("fork"), fork.getMessage());
        assertEquals(1, stranger.sequence());
    }
}
