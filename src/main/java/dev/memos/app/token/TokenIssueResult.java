package dev.memos.app.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * An issued token and what it says. The compact token is a bearer secret for its short life: it is
 * the command's output, never logged; {@link #toString()} leaves it out.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenIssueResult(String token, String issuer, String audience, String expiresAt, List<String> scope,
                               List<String> delegationChain) {
    @Override
    public String toString() {
        return "TokenIssueResult[issuer=" + issuer + ", audience=" + audience + ", expiresAt=" + expiresAt + "]";
    }
}
