package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Optional;
import java.util.Set;

/**
 * Some gateways (arlocal among them) answer 200 with a JSON error object such as
 * {@code {"status":400,"error":"Request type not found."}} instead of an error status. Read as data,
 * that body is later reported as a damaged bundle; it means "not here". The test is narrow so real
 * data is never mistaken for it: at most {@link #MAX_BYTES} bytes, one JSON object with only the
 * keys status, error, message and code, a text {@code error} and a {@code status} of 400–599.
 */
public final class GatewayErrorBody {
    static final int MAX_BYTES = 4096;
    private static final Set<String> KEYS = Set.of("status", "error", "message", "code");

    private GatewayErrorBody() {
    }

    /** True if {@code body} is a gateway's JSON error object as described above. */
    public static boolean isError(byte[] body) {
        if (body.length == 0 || body.length > MAX_BYTES || firstNonBlank(body) != '{') {
            return false;
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(body);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (n == null || !n.isObject() || !n.path("error").isTextual() || !n.path("status").isIntegralNumber()) {
            return false;
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            if (!KEYS.contains(it.next())) {
                return false;
            }
        }
        int status = n.path("status").asInt();
        return status >= 400 && status <= 599;
    }

    /**
     * The body as it came, or empty when it is an error object. Reads at most {@link #MAX_BYTES} + 1
     * bytes ahead and gives them back in front of the rest, so a large download still streams.
     */
    static Optional<InputStream> unlessError(InputStream body) throws IOException {
        byte[] head = body.readNBytes(MAX_BYTES + 1);
        if (head.length <= MAX_BYTES && isError(head)) {
            body.close();
            return Optional.empty();
        }
        return Optional.of(new SequenceInputStream(new ByteArrayInputStream(head), body));
    }

    private static int firstNonBlank(byte[] b) {
        int j = 0;
        while (j < b.length && (b[j] == ' ' || b[j] == '\n' || b[j] == '\r' || b[j] == '\t')) {
            j++;
        }
        return j < b.length ? b[j] : -1;
    }
}
