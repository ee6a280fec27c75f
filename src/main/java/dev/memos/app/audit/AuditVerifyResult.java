package dev.memos.app.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The verdict of {@code audit verify}: every log that verified, the logs not begun yet (nothing was
 * recorded for them, which is not a failure), and what the user should know (trust on first use, a
 * torn tail, entries not yet covered by a checkpoint; shown as the envelope's warnings, not in the
 * result). A failed log never gets here: it throws.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditVerifyResult(boolean ok, List<LogCheck> logs, List<String> notBegun, @JsonIgnore List<String> warnings) {

    /** One verified log: its size, root and checkpoints, and which key its checkpoints were checked against. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LogCheck(String log, long entries, long checkpoints, String root, long uncheckpointed, boolean tornTail,
                           Long anchoredSize, String publicKey, String keySource, Long newestSize, String newestTime) {
    }
}
