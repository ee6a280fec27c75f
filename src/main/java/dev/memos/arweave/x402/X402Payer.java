package dev.memos.arweave.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Pays an x402 v1 "exact" requirement on Base with an EIP-3009 authorization. Every check —
 * version, scheme, network, asset, cap — happens before the key is used: a refused payment
 * signs nothing (ErrorKind.PAYMENT, exit 6).
 */
public final class X402Payer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigDecimal USDC_UNIT = BigDecimal.TEN.pow(6);

    private final EthSigner signer;
    private final X402Network network;
    private final BigInteger capAtomic;
    private final Clock clock;
    private final java.util.function.Consumer<Payment> listener;
    private final OptionNames optionNames;
    private PaymentRequirements pending;
    private Payment last;

    /**
     * How the caller's front end names the network and cap settings, so a refusal points at the
     * option the user can actually change (each command spells them its own way).
     */
    public record OptionNames(String network, String cap) {
        /** Wording for callers that have no options to name. */
        public static final OptionNames NEUTRAL = new OptionNames("the payment network", "the USDC cap");
    }

    /** A signed authorization and, once the service answered, its settlement transaction (null if none came back). */
    public record Payment(String network, BigInteger amountAtomic, String payTo, String resource, String settlement) {
    }

    public X402Payer(EthSigner signer, X402Network network, BigInteger capAtomic, Clock clock) {
        this(signer, network, capAtomic, clock, p -> { });
    }

    /** {@code listener} hears of every payment this payer signed, once, after the paid request ended. */
    public X402Payer(EthSigner signer, X402Network network, BigInteger capAtomic, Clock clock,
                     java.util.function.Consumer<Payment> listener) {
        this(signer, network, capAtomic, clock, listener, OptionNames.NEUTRAL);
    }

    public X402Payer(EthSigner signer, X402Network network, BigInteger capAtomic, Clock clock,
                     java.util.function.Consumer<Payment> listener, OptionNames options) {
        this.optionNames = java.util.Objects.requireNonNull(options);
        this.signer = signer;
        this.network = network;
        this.capAtomic = capAtomic;
        this.clock = clock;
        this.listener = java.util.Objects.requireNonNull(listener);
    }

    /**
     * Called by the client after the request carrying the last {@link #pay} header ended, with the
     * settlement transaction of its X-PAYMENT-RESPONSE (null when none came back or the request failed).
     */
    public synchronized void settled(String settlementTx) {
        PaymentRequirements r = pending;
        pending = null;
        if (r != null) {
            last = new Payment(r.network(), r.maxAmountRequired(), r.payTo().checksummed(), r.resource(), settlementTx);
            listener.accept(last);
        }
    }

    /** The newest payment this payer signed and saw end, if any: what an upload reports it cost. */
    public synchronized java.util.Optional<Payment> lastPayment() {
        return java.util.Optional.ofNullable(last);
    }

    /** "0.25" USDC → 250000 atomic units; more than 6 decimals or a negative amount is refused. */
    public static BigInteger usdcToAtomic(String usdc) {
        try {
            BigDecimal v = new BigDecimal(usdc.strip());
            if (v.signum() < 0 || v.scale() > 6) {
                throw new NumberFormatException();
            }
            return v.multiply(USDC_UNIT).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw MemosException.usage("a USDC amount is a non-negative number with at most 6 decimals, e.g. 0.50");
        }
    }

    public static String atomicToUsdc(BigInteger atomic) {
        return new BigDecimal(atomic).divide(USDC_UNIT).stripTrailingZeros().toPlainString();
    }

    /** The requirements of a 402 body; a body that is not x402 v1 with a usable accepts list is refused. */
    public static List<PaymentRequirements> parse402(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw MemosException.payment("the 402 answer is not JSON: the server does not speak x402 v1; nothing was paid");
        }
        if (root == null || !root.isObject() || root.path("x402Version").asInt(-1) != 1 || !root.path("accepts").isArray()) {
            throw MemosException.payment("the 402 answer is not an x402 v1 payment request; nothing was paid");
        }
        List<PaymentRequirements> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode a : root.path("accepts")) {
            try {
                out.add(PaymentRequirements.parse(a));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw MemosException.payment("the 402 answer offers no well-formed payment option"
                    + (problems.isEmpty() ? "" : " (" + problems.get(0) + ")") + "; nothing was paid");
        }
        return out;
    }

    /** The option to pay: exact scheme, our network, the network's USDC, within the cap. */
    public PaymentRequirements choose(List<PaymentRequirements> options) {
        String reason = "no option uses the exact scheme";
        for (PaymentRequirements r : options) {
            if (!r.scheme().equals("exact")) {
                continue;
            }
            if (!r.network().equals(network.id())) {
                reason = "the server asks for payment on " + r.network() + ", but " + network.id()
                        + " was chosen (" + optionNames.network() + ")";
                continue;
            }
            if (!r.asset().equals(network.usdc())) {
                reason = "the server asks for asset " + r.asset() + ", which is not USDC on " + network.id();
                continue;
            }
            if (r.maxAmountRequired().compareTo(capAtomic) > 0) {
                reason = "the server asks for " + atomicToUsdc(r.maxAmountRequired()) + " USDC, above the cap of "
                        + atomicToUsdc(capAtomic) + " USDC (raise " + optionNames.cap() + " if that is intended)";
                continue;
            }
            return r;
        }
        throw MemosException.payment(reason + "; nothing was signed");
    }

    /** Signed authorization for {@code r} as the base64 X-PAYMENT header value. */
    public String authorize(PaymentRequirements r) {
        long now = clock.instant().getEpochSecond();
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        TransferAuthorization auth = new TransferAuthorization(signer.address(), r.payTo(), r.maxAmountRequired(),
                now - 600, now + r.maxTimeoutSeconds(), nonce);
        byte[] domain = TransferAuthorization.domainSeparator(r.extraName(), r.extraVersion(), network.chainId(), r.asset());
        byte[] signature = signer.signDigest(auth.digest(domain));
        return header(r, auth, signature);
    }

    /** The header for a 402 body: parse, choose, sign. */
    public String pay(byte[] body402) {
        PaymentRequirements r = choose(parse402(body402));
        String header = authorize(r);
        synchronized (this) {
            pending = r;
        }
        return header;
    }

    static String header(PaymentRequirements r, TransferAuthorization a, byte[] signature) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("x402Version", 1);
        root.put("scheme", r.scheme());
        root.put("network", r.network());
        ObjectNode payload = root.putObject("payload");
        payload.put("signature", "0x" + Hex.encode(signature));
        ObjectNode auth = payload.putObject("authorization");
        auth.put("from", a.from().checksummed());
        auth.put("to", a.to().checksummed());
        auth.put("value", a.value().toString());
        auth.put("validAfter", Long.toString(a.validAfter()));
        auth.put("validBefore", Long.toString(a.validBefore()));
        auth.put("nonce", "0x" + Hex.encode(a.nonce()));
        try {
            return Base64.getEncoder().encodeToString(Json.mapper().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settlement of an X-PAYMENT-RESPONSE header: {success, transaction, network, payer}. */
    public record Settlement(boolean success, String transaction, String network, String payer) {
        public static Settlement parse(String header) {
            try {
                JsonNode n = Json.mapper().readTree(Base64.getDecoder().decode(header.strip()));
                return new Settlement(n.path("success").asBoolean(false), n.path("transaction").asText(""),
                        n.path("network").asText(""), n.path("payer").asText(""));
            } catch (IOException | IllegalArgumentException e) {
                return new Settlement(false, "", "", "");
            }
        }
    }
}
