package dev.memos.app.legacy;

import dev.memos.backup.RollbackIndex;
import dev.memos.backup.legacy.LegacyManifest;
import dev.memos.backup.legacy.LegacyRestorer;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code unpack} of a backup the original MemOS made: the local bundle file and its manifest (in
 * either the Python or the uploaded JS form) restored with memos' safety. A local restore checks
 * and raises the local-pack index and must not go below the network chain, as memos' own unpack.
 */
public final class LegacyUnpack {
    private final MemosHome home;

    public LegacyUnpack(MemosHome home) {
        this.home = home;
    }

    /** What the user asked for. */
    public record Request(Path bundle, LegacyManifest manifest, Path out, boolean force, boolean ignoreRollback) {
    }

    /** What was restored, as {@code unpack} reports it. */
    public record Result(String destination, String ethAddress, long sequence, long createdAt, long files, long totalBytes,
                         String kdf, String manifestSha256, boolean replacedExisting, boolean legacy, List<String> warnings) {
    }

    /** The original manifest in {@code manifest}, or empty when it is a memos envelope (or not JSON). */
    public static Optional<LegacyManifest> recognise(Optional<Path> manifest) {
        return manifest.flatMap(LegacyManifest::read);
    }

    public Result restore(Request r, EthPrivateKey key) {
        byte[] bundle;
        try {
            bundle = Files.readAllBytes(r.bundle());
        } catch (IOException e) {
            throw MemosException.usage("cannot read --bundle " + r.bundle() + ": " + e.getMessage());
        }
        LegacyRestorer.Result res = LegacyRestorer.builder().key(key)
                .rollbackIndex(RollbackIndex.localPacks(home.ensure())).alsoCheck(RollbackIndex.forHome(home))
                .build()
                .restore(bundle, r.manifest(), r.out(), r.force(), r.ignoreRollback());
        LegacyManifest m = res.manifest();
        return new Result(res.destination().toString(), key.address().checksummed(), m.sequence(), m.createdAt(), res.files(),
                m.totalBytes(), m.salt(), m.sha256(), res.replacedExisting(), true, res.warnings());
    }
}
