package dev.memos.shell;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which typed lines may be remembered in the history file. Secrets should never be typed on
 * a command line (they come from the environment or a no-echo prompt), so this guards against the
 * mistake: anything that looks like a private key, a secret assignment, a bearer token (a CIT is
 * one: whoever holds it is authorised), or that contains a secret the session currently holds is
 * kept out of history.
 */
public final class HistoryFilter {
    private static final List<Pattern> SECRET_SHAPES = List.of(
            // a 32-byte key in hex, with or without 0x
            Pattern.compile("(?i)(?<![0-9a-f])(0x)?[0-9a-f]{64}(?![0-9a-f])"),
            // NAME=value for anything that sounds secret, e.g. ETH_PRIVATE_KEY=… or --passphrase=…
            Pattern.compile("(?i)(private[_-]?key|passphrase|password|secret|mnemonic|pin)\\s*[=:]\\s*\\S"),
            Pattern.compile("(?i)--(passphrase|password|private-key|secret|pin)\\b"),
            // bearer tokens: a CIT (cit1.<payload>.<signature>), an X-PAYMENT header or "Bearer x"
            Pattern.compile("(?i)(?<![A-Za-z0-9])cit1\\.[A-Za-z0-9_-]{8,}"),
            Pattern.compile("(?i)\\b(bearer|x-payment)\\b\\s*:?\\s*\\S"),
            // a BIP-39 style phrase: twelve or more lower-case words in a row
            Pattern.compile("(\\b[a-z]{3,8}\\b\\s+){11,}\\b[a-z]{3,8}\\b"));

    private HistoryFilter() {
    }

    public static boolean mayRemember(String line) {
        for (Pattern p : SECRET_SHAPES) {
            if (p.matcher(line).find()) {
                return false;
            }
        }
        return true;
    }
}
