package dev.memos.app.network;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code status} reports: the ETH address (null while locked), profile and home, whether the
 * node answers and its height (-1 when not), the devnet or given wallet's AR balance, the Turbo
 * credit (mainnet), and the last backup from this home. The {@code *Problem} texts say why a part is
 * missing; they are shown to people, not in the JSON result.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NetworkStatus(String address, String profile, String node, String home, boolean nodeReachable, long height,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String wallet,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String walletAr,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String turboWinc,
                            LastBackup lastBackup,
                            @JsonIgnore String nodeProblem, @JsonIgnore String walletProblem, @JsonIgnore String turboProblem) {

    /** The newest backup this home made for the address. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LastBackup(long sequence, String txId) {
    }
}
