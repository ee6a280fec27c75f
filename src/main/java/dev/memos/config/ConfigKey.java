package dev.memos.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A documented configuration key with its default and the rule its values must meet. */
public enum ConfigKey {
    PROFILE("profile", "local", "network profile: local (devnet on loopback) or mainnet",
            v -> Profile.names().contains(v), "one of " + Profile.names()),
    LOCAL_NODE("local.node", "http://127.0.0.1:1984", "URL of the local devnet node",
            ConfigKey::isHttpUrl, "an http(s) URL"),
    GATEWAYS("gateways", "", "comma-separated gateway URLs that override the profile's list",
            v -> v.isEmpty() || List.of(v.split(",")).stream().allMatch(u -> isHttpUrl(u.strip())), "comma-separated http(s) URLs"),
    IDLE_TIMEOUT("session.idle-timeout-minutes", "15", "minutes of inactivity after which an unlocked session locks itself",
            v -> v.matches("\\d{1,4}") && Integer.parseInt(v) > 0, "a whole number of minutes from 1 to 9999"),
    SUMMARIZER_COMMAND("summarizer.command", "", "external summariser program (reads entries on stdin); empty = built-in",
            v -> true, "a command line"),
    SUMMARIZER_TIMEOUT("summarizer.timeout-seconds", "10", "how long the external summariser may run",
            v -> v.matches("\\d{1,4}") && Integer.parseInt(v) > 0, "a whole number of seconds"),
    PROCESS_ENV_ALLOW("process.env-allow", "",
            "comma-separated environment variable names passed to programs memos starts (the summariser), besides PATH, HOME, LANG, LC_ALL and TMPDIR",
            ConfigKey::isEnvAllowList, "comma-separated variable names (letters, digits, _), none of "
                    + new java.util.TreeSet<>(dev.memos.crypto.EnvSecrets.NAMES)),
    RINGS_BUDGET("rings.budget-bytes", "32768", "size limit of one identity's memory rings file (8192..65536)",
            v -> isInt(v, 8192, 65536), "a whole number of bytes from 8192 to 65536"),
    RINGS_RING0_BYTES("rings.ring0-bytes", "8192", "ring 0 (last 24 h, full detail) cap in bytes",
            v -> isInt(v, 256, 32768), "a whole number of bytes from 256 to 32768"),
    RINGS_RING1_ENTRIES("rings.ring1-entries", "30", "ring 1 (last 30 days, summaries) cap in entries",
            v -> isInt(v, 1, 1000), "a whole number from 1 to 1000"),
    RINGS_RING2_ENTRIES("rings.ring2-entries", "50", "ring 2 (last year, key events) cap in entries",
            v -> isInt(v, 1, 1000), "a whole number from 1 to 1000"),
    RINGS_PER_MINUTE("rings.writes-per-minute", "30", "memory writes allowed per minute (anti-flood)",
            v -> isInt(v, 1, 100000), "a whole number from 1 to 100000"),
    RINGS_PER_DAY("rings.writes-per-day", "2000", "memory writes allowed per day (anti-flood)",
            v -> isInt(v, 1, 1000000), "a whole number from 1 to 1000000"),
    ID_BLOCKED_NAMES("identity.blocked-names", "ADMIN,ROOT,SYSTEM,MOCI,OPENCLAW,CLAW,MEMOS,OFFICIAL,SUPPORT,SECURITY,STAFF,MODERATOR,HUMAN,NULL,NONE,ANONYMOUS,GUEST,OWNER,OPERATOR,GATEWAY,VERIFIED",
            "comma-separated identity names nobody may register (anti-squatting)",
            v -> java.util.Arrays.stream(v.split(",")).map(String::strip).allMatch(n -> n.isEmpty() || n.matches("(?i)[A-Z0-9]{2,12}")), "comma-separated names of 2-12 letters or digits"),
    ID_HSM_MODULE("identity.hsm.module", "/usr/lib/softhsm/libsofthsm2.so", "PKCS#11 module for tier-3 identity keys",
            v -> v.startsWith("/"), "an absolute path to a PKCS#11 .so"),
    ID_HSM_SLOT_INDEX("identity.hsm.slot-index", "0", "index of the token in the PKCS#11 module's slot list (tier 3)",
            v -> v.matches("\\d{1,3}") && Integer.parseInt(v) <= 255, "a whole number from 0 to 255"),
    NETWORK_TIMEOUT("network.timeout-seconds", "30", "how long a node or gateway may take to start answering one request",
            v -> isInt(v, 1, 3600), "a whole number of seconds from 1 to 3600"),
    UPLOAD_READBACK_TIMEOUT("upload.readback-timeout-seconds", "120",
            "how long backup/upload keep polling the gateways for a fresh upload that is not served yet (0: no wait)",
            v -> isInt(v, 0, 86400), "a whole number of seconds from 0 to 86400"),
    // Turbo's endpoints: the production pair is @ardrive/turbo-sdk's defaultUploadServiceURL and
    // defaultPaymentServiceURL; the test pair its developmentUploadServiceURL / developmentPaymentServiceURL
    // (the "testnet" network of the turbo-sdk Python client), which accept payments on base-sepolia.
    TURBO_UPLOAD("turbo.upload-url", "https://upload.ardrive.io",
            "Turbo upload service on mainnet: credits and x402 payments on base", ConfigKey::isHttpUrl, "an http(s) URL"),
    TURBO_PAYMENT("turbo.payment-url", "https://payment.ardrive.io",
            "Turbo payment service on mainnet (prices, credit balance)", ConfigKey::isHttpUrl, "an http(s) URL"),
    TURBO_TEST_UPLOAD("turbo.test.upload-url", "https://upload.ardrive.dev",
            "Turbo's development upload service, used for x402 payments on base-sepolia", ConfigKey::isHttpUrl, "an http(s) URL"),
    TURBO_TEST_PAYMENT("turbo.test.payment-url", "https://payment.ardrive.dev",
            "Turbo's development payment service, used with base-sepolia", ConfigKey::isHttpUrl, "an http(s) URL"),
    AUDIT_ANCHOR_DIR("audit.anchor-dir", "", "folder 'audit anchor' publishes checkpoints to instead of Arweave (empty: Arweave, the default)",
            v -> v.isEmpty() || !v.isBlank(), "a folder path, or empty");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final Predicate<String> validator;
    private final String expectation;

    ConfigKey(String key, String defaultValue, String description, Predicate<String> validator, String expectation) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.validator = validator;
        this.expectation = expectation;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean accepts(String value) {
        return validator.test(value);
    }

    public String expectation() {
        return expectation;
    }

    public static Optional<ConfigKey> byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static boolean isInt(String v, int min, int max) {
        return v.matches("\\d{1,7}") && Integer.parseInt(v) >= min && Integer.parseInt(v) <= max;
    }

    /** Names only, and never a secret's: the secret variables must not reach a child even on request. */
    private static boolean isEnvAllowList(String v) {
        return envAllowList(v).stream().allMatch(n -> n.matches("[A-Za-z_][A-Za-z0-9_]*") && !dev.memos.crypto.EnvSecrets.NAMES.contains(n));
    }

    /** The names in a {@link #PROCESS_ENV_ALLOW} value, blanks dropped. */
    public static List<String> envAllowList(String v) {
        return java.util.Arrays.stream(v.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private static boolean isHttpUrl(String v) {
        return v.matches("https?://[^\\s/]+(/\\S*)?");
    }
}
