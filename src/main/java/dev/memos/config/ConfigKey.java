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
    AUDIT_ANCHOR_DIR("audit.anchor-dir", "", "folder where 'audit anchor' publishes checkpoints (until Arweave anchoring is wired)",
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

    private static boolean isHttpUrl(String v) {
        return v.matches("https?://[^\\s/]+(/\\S*)?");
    }
}
