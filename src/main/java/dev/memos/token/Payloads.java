package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import java.util.ArrayList;
import java.util.List;

/** Strict field readers for token JSON; any deviation is an IllegalArgumentException (→ MALFORMED). */
final class Payloads {
    private Payloads() {
    }

    static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return v.textValue();
    }

    static String id(JsonNode n, String name) {
        String s = text(n, name);
        if (!Names.isId(s)) {
            throw new IllegalArgumentException(name + " is not a valid ID");
        }
        return s;
    }

    static long integer(JsonNode n, String name, long min, long max) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        long x = v.longValue();
        if (x < min || x > max) {
            throw new IllegalArgumentException(name + " out of range");
        }
        return x;
    }

    static byte[] bytes(JsonNode n, String name) {
        String s = text(n, name);
        if (s.indexOf('=') >= 0) {
            throw new IllegalArgumentException(name + " must be unpadded base64url");
        }
        byte[] b = Base64Url.decode(s);
        // Re-encoding must give the same text, so no two encodings of one value exist.
        if (!Base64Url.encode(b).equals(s)) {
            throw new IllegalArgumentException(name + " is not canonical base64url");
        }
        return b;
    }

    /** A key algorithm; eth-personal-sign only where a human may sign ({@code fromAlg}, root link: ChainRules). */
    static SignatureAlgorithm alg(JsonNode n, String name) {
        return "fromAlg".equals(name) ? SignatureAlgorithm.fromIdIncludingEth(text(n, name)) : SignatureAlgorithm.fromId(text(n, name));
    }

    static List<String> scopes(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException(name + " must be an array");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException(name + " holds strings only");
            }
            out.add(s.textValue());
        }
        if (!Names.isScopeSet(out)) {
            throw new IllegalArgumentException(name + " must be sorted, unique, well-formed scopes (at most 16)");
        }
        return out;
    }
}
