package dev.memos.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frozen replay-state vectors (vectors/token/replay-state.json, FORMAT.md §11.7) read, refuse and re-encode as specified. */
class ReplayStateVectorsTest {
    private static JsonNode vectors() throws Exception {
        return Json.mapper().readTree(Files.readAllBytes(Path.of("src/test/resources/vectors/token/replay-state.json")));
    }

    private static byte[] key(int n) {
        byte[] k = new byte[16];
        k[15] = (byte) n;
        return k;
    }

    @Test
    void valid_states_refuse_at_or_below_the_mark_and_re_encode_byte_for_byte(@TempDir Path tmp) throws Exception {
        int i = 0;
        for (JsonNode v : vectors().get("valid")) {
            Path dir = Files.createDirectories(tmp.resolve("v" + i++));
            String state = v.get("state").asText();
            Files.writeString(dir.resolve(ReplayMark.FILE), state);
            ReplayMark mark = ReplayMark.load(dir);
            assertEquals(v.get("purgedThrough").asLong(), mark.purgedThrough());
            Path again = Files.createDirectories(tmp.resolve("again" + i));
            mark.save(again);
            assertEquals(state, Files.readString(again.resolve(ReplayMark.FILE), StandardCharsets.UTF_8));
            long now = v.get("now").asLong();
            try (ReplayCache c = ReplayCache.persistent(dir, 16, false, Clock.systemUTC())) {
                assertEquals(ReplayCache.Outcome.WINDOW_PASSED, c.checkAndRecord(key(1), v.get("refusedKeepUntil").asLong(), now));
                assertEquals(ReplayCache.Outcome.FRESH, c.checkAndRecord(key(2), v.get("acceptedKeepUntil").asLong(), now));
            }
        }
    }

    @Test
    void invalid_states_are_integrity_errors_naming_the_file(@TempDir Path tmp) throws Exception {
        int i = 0;
        for (JsonNode v : vectors().get("invalid")) {
            Path dir = Files.createDirectories(tmp.resolve("i" + i++));
            Files.writeString(dir.resolve(ReplayMark.FILE), v.asText());
            MemosException e = assertThrows(MemosException.class, () -> ReplayCache.persistent(dir, 16, false, Clock.systemUTC()),
                    v.asText());
            assertEquals(ErrorKind.INTEGRITY, e.kind());
            assertEquals(true, e.getMessage().contains(ReplayMark.FILE), e.getMessage());
        }
    }
}
