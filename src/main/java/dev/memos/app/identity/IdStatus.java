package dev.memos.app.identity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What {@code id status} reports: the identity (id, state, tier, key), whether this session holds it
 * unlocked, its trust score, ring sizes, memory chain and quarantine flag, and the size of its
 * sub-folders. {@code rings} and {@code chain} are null when the rings did not verify
 * ({@code ringsError} then says why); {@code chain} is null before the first memory.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IdStatus(String id, String state, int tier, String algorithm, String publicKey, String fingerprint, String created,
                       String updated, boolean unlocked, boolean tombstoned, Integer trust, String trustTier, Rings rings,
                       Chain chain, boolean quarantined, String ringsError, long ringsFiles, long ringsBytes,
                       long auditFiles, long auditBytes, long tokensFiles, long tokensBytes, @JsonIgnore List<String> warnings) {

    /** Entry counts per ring; {@code ring3Hashes} counts the chain steps plus genesis. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rings(int ring0Entries, int ring0Bytes, int ring1Entries, int ring2Entries, long ring3Hashes, int ring3Months,
                        int fileBytes, int budget) {
    }

    /** The head of the memory chain (FORMAT.md, ring 3): its hash, step, length, time, and whether it ends revoked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Chain(String head, long step, long length, String time, boolean revoked) {
    }
}
