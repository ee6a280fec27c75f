package dev.memos.app.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bearer tokens are secrets for their short life: the request and result records never print them, the JSON result carries the issued one. */
class TokenRecordsTest {
    private static final String TOKEN = "cit1.eyJzZWNyZXQiOnRydWV9.c2ln";

    @Test
    void request_and_result_to_string_never_show_the_token() {
        TokenVerifyRequest req = new TokenVerifyRequest(TOKEN, "skill:weather", 5, false);
        TokenIssueResult res = new TokenIssueResult(TOKEN, "NOVA", "skill:weather", "2026-12-03T12:00:00Z", List.of(),
                List.of("NOVA", "skill:weather"));
        assertFalse(req.toString().contains("eyJ"), req.toString());
        assertFalse(res.toString().contains("eyJ"), res.toString());
    }

    @Test
    void issue_result_renders_snake_case_with_the_token() throws Exception {
        String json = Json.mapper().writeValueAsString(new TokenIssueResult(TOKEN, "NOVA", "skill:weather", "2026-12-03T12:00:00Z",
                List.of("read"), List.of("NOVA", "skill:weather")));
        assertTrue(json.contains("\"token\":\"" + TOKEN + "\"") && json.contains("\"expires_at\"") && json.contains("\"delegation_chain\""), json);
        assertFalse(json.contains("expiresAt"), json);
    }
}
