package dev.memos.app.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A token that verified: who it speaks for, with which trust score and scope, through which chain, until
 * when. {@code trustSource} says where the score comes from: {@code claimed} (the token's word only),
 * or {@code embedded} / {@code published} (computed here from that signed chain head of the issuer).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenVerifyResult(boolean valid, String mociId, int trustScore, List<String> scope, List<String> delegationChain,
                                String expiresAt, String trustSource) {
}
