package dev.memos.identity;

import dev.memos.config.ConfigKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Names nobody may register (squatting on words that look official). Configurable: identity.blocked-names. */
public final class BlockedNames {
    public static final String DEFAULT_LIST = ConfigKey.ID_BLOCKED_NAMES.defaultValue();
    public static final Set<String> DEFAULT = parse(DEFAULT_LIST);

    private BlockedNames() {
    }

    /** Comma-separated names, case-insensitive, blanks ignored. */
    public static Set<String> parse(String list) {
        return Arrays.stream(list.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public static boolean isValidList(String list) {
        return parse(list).stream().allMatch(n -> IdValidation.nameProblem(n) == null);
    }
}
