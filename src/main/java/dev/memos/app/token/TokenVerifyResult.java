package dev.memos.app.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A token that verified: who it speaks for, with which trust score and scope, through which chain, until when. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenVerifyResult(boolean valid, String mociId, int trustScore, List<String> scope, List<String> delegationChain,
                                String expiresAt) {
}
