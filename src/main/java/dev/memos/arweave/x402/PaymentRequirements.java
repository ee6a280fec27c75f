package dev.memos.arweave.x402;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.EthAddress;
import java.math.BigInteger;

/**
 * One entry of the {@code accepts} array of an x402 v1 402 body: scheme, network, the most the
 * server will take (atomic units as a decimal string), who is paid, the asset contract and the
 * EIP-712 domain name/version in {@code extra}.
 */
public record PaymentRequirements(String scheme, String network, BigInteger maxAmountRequired, String resource,
                                  String description, String mimeType, EthAddress payTo, long maxTimeoutSeconds,
                                  EthAddress asset, String extraName, String extraVersion) {

    /** Strict parse: every field the exact scheme needs must be present and well formed. */
    public static PaymentRequirements parse(JsonNode n) {
        String amount = text(n, "maxAmountRequired");
        if (!amount.matches("\\d{1,78}")) {
            throw new IllegalArgumentException("maxAmountRequired is not a whole number of atomic units");
        }
        JsonNode timeout = n.get("maxTimeoutSeconds");
        if (timeout == null || !timeout.canConvertToLong() || timeout.asLong() <= 0 || timeout.asLong() > 86_400) {
            throw new IllegalArgumentException("maxTimeoutSeconds missing or out of range");
        }
        JsonNode extra = n.path("extra");
        return new PaymentRequirements(text(n, "scheme"), text(n, "network"), new BigInteger(amount),
                n.path("resource").asText(""), n.path("description").asText(""), n.path("mimeType").asText(""),
                EthAddress.parse(text(n, "payTo")), timeout.asLong(), EthAddress.parse(text(n, "asset")),
                text(extra, "name"), text(extra, "version"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }
}
