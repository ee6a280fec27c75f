package dev.memos.app.audit;

import dev.memos.arweave.ArweaveCheckpointAnchor;
import dev.memos.arweave.Network;
import dev.memos.audit.CheckpointAnchor;
import dev.memos.audit.FileCheckpointAnchor;
import dev.memos.config.Config;
import dev.memos.config.ConfigKey;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Which anchor store a home uses: the folder of {@code audit.anchor-dir} when that is set, else
 * Arweave on every profile (published through the uploader, found through the GraphQL of the
 * profile's first gateway). The network and the uploader are made only when Arweave is chosen.
 */
public final class CheckpointAnchors {
    private CheckpointAnchors() {
    }

    /** For reading only (verify): publishing through it is refused with a hint. */
    public static CheckpointAnchor forReading(Config config, Supplier<Network> network) {
        return choose(config, network, () -> (data, tags) -> {
            throw MemosException.usage("publishing a checkpoint needs the ETH key: unlock it (ETH_PRIVATE_KEY)");
        });
    }

    public static CheckpointAnchor choose(Config config, Supplier<Network> network, Supplier<ArweaveCheckpointAnchor.Uploader> uploader) {
        String dir = config.get(ConfigKey.AUDIT_ANCHOR_DIR);
        if (!dir.isEmpty()) {
            return new FileCheckpointAnchor(Path.of(dir));
        }
        return ArweaveCheckpointAnchor.of(network.get(), uploader.get());
    }
}
