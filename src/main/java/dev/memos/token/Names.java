package dev.memos.token;

import java.util.List;
import java.util.regex.Pattern;

/** The character sets of identity/skill IDs and scopes, checked on issue and on parse alike. */
public final class Names {
    /** Identity IDs (CW-NOVA.R7KMX2-AA), principals (human:0x…) and skills (skill:weather). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._@-]{0,63}");
    private static final Pattern SKILL = Pattern.compile("skill:[a-z0-9][a-z0-9._-]{0,57}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._/-]{0,63}");
    public static final int MAX_SCOPES = 16;

    private Names() {
    }

    public static boolean isId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    public static boolean isSkill(String s) {
        return s != null && SKILL.matcher(s).matches();
    }

    public static boolean isScope(String s) {
        return s != null && SCOPE.matcher(s).matches();
    }

    /** Skills name files on disk, so the one check that matters is this strict pattern. */
    public static String requireSkill(String s) {
        if (!isSkill(s)) {
            throw new IllegalArgumentException("'" + s + "' is not a skill ID: use skill:<name> with a-z, 0-9, '.', '_', '-'");
        }
        return s;
    }

    /** Scopes are a set: strictly ascending (so the encoding is canonical), each well-formed, at most 16. */
    public static boolean isScopeSet(List<String> scopes) {
        if (scopes.size() > MAX_SCOPES) {
            return false;
        }
        for (int i = 0; i < scopes.size(); i++) {
            if (!isScope(scopes.get(i)) || (i > 0 && scopes.get(i - 1).compareTo(scopes.get(i)) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
