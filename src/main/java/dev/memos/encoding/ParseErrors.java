package dev.memos.encoding;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * One line saying what is wrong with input we parsed, without the parser's internals: Jackson's
 * messages carry "REDACTED (StreamReadFeature…)" source descriptions and token dumps, the JDK's
 * Base64 says "Input byte[] should at least have 2 bytes". Our own {@link IllegalArgumentException}
 * messages (field names, ranges) are already written for users and pass through.
 */
public final class ParseErrors {
    private ParseErrors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            return "not valid JSON" + (at != null && at.getLineNr() > 0
                    ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "");
        }
        if (e instanceof NullPointerException || e instanceof ClassCastException) {
            return "a member is missing or has the wrong type";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("REDACTED") || m.contains("byte[]") || m.contains("\n")) {
            return e instanceof IllegalArgumentException ? "a value is malformed" : e.getClass().getSimpleName();
        }
        return m;
    }
}
