package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chain heads published on Arweave so a clone is found without anyone trading proofs by hand
 * (FORMAT.md §13.5). The item is the head's canonical JSON; it is found by a tag derived from the
 * identity's public key, not by its name, so the index alone does not list which IDs publish heads.
 * Anyone can publish anything under any tag: {@link #parse} keeps only heads that are canonical,
 * signed by the expected key and of the expected ID; everything else is skipped, never trusted.
 */
public final class PublishedHeads {
    public static final String TYPE = "identity-head";
    public static final String TAG = "Memos-Head-Tag";
    /** A head with 16 recent hashes is about 2 KiB; anything much larger is not one. */
    public static final int MAX_BYTES = 8192;
    private static final byte[] DOMAIN = dev.memos.ring.Bytes.utf8("memos-head-tag-v1\u0000");

    private PublishedHeads() {
    }

    /** b64url(SHA-256("memos-head-tag-v1" 0x00 alg 0x00 publicKey)): computable by whoever knows the key. */
    public static String tagValue(SignatureAlgorithm alg, byte[] publicKey) {
        return Base64Url.encode(Hash.sha256(DOMAIN, Bytes.utf8(alg.id() + "\u0000"), publicKey));
    }

    /** The tags a head item carries (and the GraphQL filter that finds them). */
    public static Map<String, String> tags(SignatureAlgorithm alg, byte[] publicKey) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("App-Name", "memos");
        t.put("Content-Type", "application/json");
        t.put("Memos-Type", TYPE);
        t.put(TAG, tagValue(alg, publicKey));
        return t;
    }

    /**
     * The head in {@code bytes} when it is one of {@code id} under {@code publicKey}, canonical and
     * validly signed; empty for anything else (a forgery, another identity's head, junk under our tag).
     */
    public static Optional<SignedHead> parse(byte[] bytes, String id, SignatureAlgorithm alg, byte[] publicKey) {
        try {
            SignedHead h = parseAny(bytes);
            boolean ours = h.id().equals(id) && h.algorithm() == alg && Arrays.equals(h.publicKey(), publicKey);
            return ours && h.signatureValid() ? Optional.of(h) : Optional.empty();
        } catch (MemosException e) {
            return Optional.empty();
        }
    }

    /** Parses a head item strictly (size, JSON, one encoding) without checking whose it is or its signature. */
    public static SignedHead parseAny(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw MemosException.integrity("a published chain head is longer than " + MAX_BYTES + " bytes");
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw MemosException.integrity("a published chain head is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw MemosException.integrity("a published chain head is not a JSON object");
        }
        SignedHead h = SignedHead.fromJson(n);
        if (!Arrays.equals(h.canonical(), bytes)) {
            throw MemosException.integrity("a published chain head is not in its canonical encoding");
        }
        return h;
    }

    /**
     * Heads whose step time is at or before this were made before an operator's last {@code id
     * resolve-fork}: the fork they show is the one already resolved, so a watch does not raise it
     * again. The RESOLVED step is in the chain window for at least a month; after that the end of
     * the last month sealed with RESOLVED stands in. -1 when the chain records no resolution.
     */
    public static long resolvedAt(RingStore store) {
        Chain c = store.state.chain;
        long at = -1;
        for (Step s : c.window) {
            if ((s.flags() & ChainFlags.RESOLVED) != 0) {
                at = Math.max(at, s.time());
            }
        }
        if (at >= 0) {
            return at;
        }
        for (int k = c.archive.months() - 1; k >= 0; k--) {
            if ((c.archive.flags(k) & ChainFlags.RESOLVED) != 0) {
                return Months.start(c.archive.firstMonth() + k + 1) - 1;
            }
        }
        return -1;
    }
}
