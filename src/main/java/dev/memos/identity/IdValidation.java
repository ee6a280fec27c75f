package dev.memos.identity;

/**
 * The verdict on a candidate id string, with one specific reason. A wrong checksum is reported as
 * wrong without the correct value, so validation cannot be used to mint ids by trial (the seed's
 * "no CRC leakage").
 */
public record IdValidation(boolean valid, Reason reason, String message) {

    /** Why a string is not an id; {@link #OK} when it is. */
    public enum Reason { OK, EMPTY, PREFIX, SEPARATOR, NAME_LENGTH, NAME_CHARACTER, SUFFIX_LENGTH, SUFFIX_CHARACTER,
        CHECKSUM_FORMAT, CHECKSUM }

    public static IdValidation check(String text) {
        IdValidation v = verdict(text);
        // The reason stays the first rule broken (FORMAT §7); the message says why a pasted id with a
        // stray space fails, since readers never strip (every command takes the id exactly as given).
        if (!v.valid() && text != null && !text.isEmpty() && !text.strip().equals(text)) {
            return bad(v.reason(), v.message() + " (it has leading or trailing whitespace: ids are never trimmed)");
        }
        return v;
    }

    private static IdValidation verdict(String text) {
        if (text == null || text.isEmpty()) {
            return bad(Reason.EMPTY, "empty id: expected CW-NAME.SUFFIX-CC");
        }
        if (!text.startsWith(MociId.PREFIX)) {
            return bad(Reason.PREFIX, "an id starts with '" + MociId.PREFIX + "' (upper case)");
        }
        int dot = text.indexOf('.');
        int dash = text.lastIndexOf('-');
        if (dot < 0 || dash <= dot || text.indexOf('.', dot + 1) >= 0) {
            return bad(Reason.SEPARATOR, "expected the form CW-NAME.SUFFIX-CC (one '.' then one '-' before the checksum)");
        }
        String name = text.substring(MociId.PREFIX.length(), dot);
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            return bad(name.length() < MociId.NAME_MIN || name.length() > MociId.NAME_MAX
                    ? Reason.NAME_LENGTH : Reason.NAME_CHARACTER, nameProblem);
        }
        String suffix = text.substring(dot + 1, dash);
        if (suffix.length() != MociId.SUFFIX_LENGTH) {
            return bad(Reason.SUFFIX_LENGTH, "the suffix has " + MociId.SUFFIX_LENGTH + " characters, this one has "
                    + suffix.length());
        }
        for (int i = 0; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            if (MociId.SUFFIX_ALPHABET.indexOf(c) < 0) {
                return bad(Reason.SUFFIX_CHARACTER, "suffix character " + (i + 1) + " ('" + printable(c)
                        + "') is not in the suffix alphabet " + MociId.SUFFIX_ALPHABET);
            }
        }
        String cc = text.substring(dash + 1);
        if (!cc.matches("[0-9A-F]{2}")) {
            return bad(Reason.CHECKSUM_FORMAT, "the checksum is two upper-case hex digits (0-9, A-F)");
        }
        if (!cc.equals(MociId.checksumOf(name, suffix))) {
            return bad(Reason.CHECKSUM, "checksum mismatch: the id has a typo (check every character)");
        }
        return new IdValidation(true, Reason.OK, "valid");
    }

    /** Null if the (already upper-case) name is well-formed, else the reason. */
    static String nameProblem(String name) {
        if (name.length() < MociId.NAME_MIN || name.length() > MociId.NAME_MAX) {
            return "the name has " + MociId.NAME_MIN + " to " + MociId.NAME_MAX + " characters, this one has " + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return "name character " + (i + 1) + " ('" + printable(c) + "') is not an upper-case letter or digit";
            }
        }
        return null;
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("U+%04X", (int) c);
    }

    private static IdValidation bad(Reason reason, String message) {
        return new IdValidation(false, reason, message);
    }
}
