package dev.memos.ring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;

/**
 * A plain JSON-lines record of ring security events ({@code <rings>/events.jsonl}) for homes where the
 * audit log (issue 9) is not wired yet. Best effort: a failure to log never blocks the refusal it logs.
 */
public final class RingEventLog implements RingEvents {
    private final Path file;
    private final Clock clock;

    public RingEventLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public void record(String type, Map<String, Object> fields) {
        ObjectNode n = Json.mapper().createObjectNode().put("time", clock.instant().getEpochSecond()).put("event", type);
        fields.forEach((k, v) -> n.set(k, Json.mapper().valueToTree(v)));
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(file.getParent());
            boolean fresh = !Files.exists(file);
            Files.write(file, (CanonicalJson.string(n) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) {
                dev.memos.store.PrivateFiles.restrictFile(file);
            }
        } catch (IOException | IllegalArgumentException e) {
            // best effort by design (see class comment)
        }
    }
}
