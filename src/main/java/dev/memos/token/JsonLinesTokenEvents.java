package dev.memos.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;

/**
 * INTERIM event sink: one canonical JSON object per line ({@code {"at":…,"event":…,…fields}}) appended
 * to a 0600 file, until the HMAC-chained audit log (dev.memos.audit) takes these events.
 */
public final class JsonLinesTokenEvents implements TokenEvents {
    private final Path file;
    private final Clock clock;

    public JsonLinesTokenEvents(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized void record(String event, Map<String, Object> fields) {
        ObjectNode o = Json.mapper().valueToTree(fields);
        o.put("event", event);
        o.put("at", clock.instant().getEpochSecond());
        byte[] line = (CanonicalJson.string(o) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            PrivateFiles.ensureDirectory(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                PrivateFiles.restrictFile(file);
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
