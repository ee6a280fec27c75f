package dev.memos.encoding;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one configured Jackson mapper: strict on input we parse, bounded against hostile documents. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(16 * 1024 * 1024)
                            .maxNumberLength(64)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * What is wrong with the keys of a signed document's object, or null: not an object, a key
     * not in {@code allowed} (a reader of this version cannot judge it), or a missing one. Shared
     * by the manifest and snapshot readers, which wrap it in their own error.
     */
    public static String keyProblem(com.fasterxml.jackson.databind.JsonNode n, java.util.Set<String> allowed, String what) {
        if (n == null || !n.isObject()) {
            return what + " is not an object";
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                return "unknown key '" + k + "' in " + what;
            }
            seen.add(k);
        }
        if (!seen.equals(allowed)) {
            java.util.Set<String> missing = new java.util.TreeSet<>(allowed);
            missing.removeAll(seen);
            return what + " lacks " + missing;
        }
        return null;
    }

    /** Outside text for a one-line error: no line breaks or terminal controls, at most 160 characters. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 160));
        for (int i = 0; i < s.length() && b.length() < 160; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return s.length() > 160 ? b + "…" : b.toString();
    }
}
