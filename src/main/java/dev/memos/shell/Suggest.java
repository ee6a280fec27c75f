package dev.memos.shell;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" by edit distance (with prefix matches preferred), for commands and options. */
public final class Suggest {
    private Suggest() {
    }

    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String c : candidates) {
            int score = c.startsWith(typed) && !typed.isEmpty() ? 0 : distance(typed, c);
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        int limit = Math.max(2, typed.length() / 3);
        return bestScore <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
