package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;

/**
 * Two heads of one identity, both signed by its key, where neither extends the other: whoever holds
 * the key ran two diverging copies (a clone). Anyone can check it with the public key inside; no
 * secret is needed. {@code chain} (optional) is the full chain of the later head, for forks older
 * than the {@value Chain#RECENT} recent hashes a head carries.
 */
public record ForkProof(SignedHead first, SignedHead second, JsonNode chainOfLater) {
    public static final String FORMAT = "memos-fork-proof-v1";

    public ObjectNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("format", FORMAT);
        n.put("id", first.id());
        n.set("first", first.toJson());
        n.set("second", second.toJson());
        if (chainOfLater != null) {
            n.set("chain", chainOfLater);
        }
        return n;
    }

    public static ForkProof fromJson(JsonNode n) {
        if (!FORMAT.equals(n.path("format").textValue())) {
            throw MemosException.integrity("not a memos fork proof (format is not " + FORMAT + ")");
        }
        return new ForkProof(SignedHead.fromJson(n.path("first")), SignedHead.fromJson(n.path("second")),
                n.has("chain") ? n.get("chain") : null);
    }

    /** Verifies both signatures and that the heads really diverge; throws (INTEGRITY) when the proof does not hold. */
    public void check() {
        first.requireValid("fork proof, first head");
        second.requireValid("fork proof, second head");
        SignedHead.Relation r = SignedHead.compare(first, second);
        if (r == SignedHead.Relation.FORK) {
            return;
        }
        if (r == SignedHead.Relation.UNDECIDED && chainOfLater != null) {
            SignedHead later = first.step() >= second.step() ? first : second;
            SignedHead earlier = later == first ? second : first;
            Chain chain = ChainCodec.fromJson(later.id(), chainOfLater);
            RingVerifier.checkChain(chain, later);
            if (RingVerifier.standing(chain, later, earlier) == RingVerifier.Standing.FORK) {
                return;
            }
        }
        throw MemosException.integrity("not a fork: the two heads are " + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
}
