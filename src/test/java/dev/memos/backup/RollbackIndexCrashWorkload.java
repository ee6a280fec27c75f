package dev.memos.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crash.CrashWorkload;
import dev.memos.encoding.Json;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Rollback index: records ever higher sequences; after a kill it parses (a damaged index would block
 * every restore) and its sequence is at least the acknowledged one: it never goes backwards.
 */
public final class RollbackIndexCrashWorkload implements CrashWorkload {
    private static ObjectNode template() throws Exception {
        try (InputStream in = RollbackIndexCrashWorkload.class.getResourceAsStream("/vectors/bundle/manifest-none.json")) {
            return (ObjectNode) Json.mapper().readTree(in).get("manifest");
        }
    }

    private static RollbackIndex index(Path dir) {
        return RollbackIndex.at(dir.resolve(RollbackIndex.FILE));
    }

    @Override
    public void setUp(Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir);
    }

    @Override
    public void writeLoop(Path dir, Acks acks) throws Exception {
        ObjectNode m = template();
        String address = m.get("address").asText();
        RollbackIndex index = index(dir);
        long seq = index.latest(address).map(RollbackIndex.Entry::sequence).orElse(0L);
        while (true) {
            seq++;
            m.put("sequence", seq);
            index.record(Manifest.fromJson(m));
            acks.ack(seq - 1);
        }
    }

    @Override
    public void check(Path dir, long lastAck) throws Exception {
        String address = template().get("address").asText();
        long seq = index(dir).latest(address).map(RollbackIndex.Entry::sequence).orElse(0L);
        if (seq < lastAck + 1) {
            throw new AssertionError("the rollback index went back to " + seq + " after acknowledging " + (lastAck + 1));
        }
    }
}
