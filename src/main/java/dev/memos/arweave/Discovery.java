package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds transactions and bundled items by tags through GraphQL. What the index says (ids, tags,
 * order) is only a list of candidates: callers download and verify before trusting anything.
 */
public final class Discovery {
    static final String QUERY = """
            query($ids: [ID!], $owners: [String!], $tags: [TagFilter!], $first: Int, $after: String) {
              transactions(ids: $ids, owners: $owners, tags: $tags, first: $first, after: $after) {
                pageInfo { hasNextPage }
                edges { cursor node { id owner { address key } data { size } block { height timestamp } tags { name value } } }
              }
            }""";
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final ArweaveGateway node;
    private final Retry retry;

    public Discovery(ArweaveGateway node, Retry retry) {
        this.node = node;
        this.retry = retry;
    }

    /** A search hit as the index describes it. */
    public record Hit(String id, String ownerKey, long size, Long height, Long timestamp, Map<String, String> tags) {
        public String tag(String name) {
            return tags.get(name);
        }
    }

    /** Every hit whose tags include all of {@code tags} (name = value). */
    public List<Hit> find(Map<String, String> tags) {
        return find(List.of(), tags);
    }

    /**
     * As {@link #find(Map)}, limited to owner addresses (b64url SHA-256 of the owner key: the RSA
     * modulus of a wallet, or the 65-byte public key of an Ethereum-signed item).
     */
    public List<Hit> find(List<String> owners, Map<String, String> tags) {
        ObjectNode vars = Json.mapper().createObjectNode();
        return run(vars, owners, tags);
    }

    /** The index entry of one id (a transaction or a bundled item), if the index knows it. */
    public java.util.Optional<Hit> byId(String id) {
        ObjectNode vars = Json.mapper().createObjectNode();
        vars.putArray("ids").add(id);
        return run(vars, List.of(), Map.of()).stream().filter(h -> h.id().equals(id)).findFirst();
    }

    private List<Hit> run(ObjectNode vars, List<String> owners, Map<String, String> tags) {
        if (!owners.isEmpty()) {
            ArrayNode o = vars.putArray("owners");
            owners.forEach(o::add);
        }
        if (!tags.isEmpty()) {
            ArrayNode filters = vars.putArray("tags");
            tags.forEach((k, v) -> filters.addObject().put("name", k).putArray("values").add(v));
        }
        vars.put("first", PAGE);
        List<Hit> out = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode res = retry.run(() -> node.graphql(QUERY, vars)).path("data").path("transactions");
            String cursor = null;
            for (JsonNode e : res.path("edges")) {
                cursor = e.path("cursor").asText(null);
                JsonNode n = e.path("node");
                Map<String, String> t = new java.util.LinkedHashMap<>();
                for (JsonNode tag : n.path("tags")) {
                    t.putIfAbsent(tag.path("name").asText(), tag.path("value").asText());
                }
                JsonNode block = n.path("block");
                out.add(new Hit(n.path("id").asText(), n.path("owner").path("key").asText(""), n.path("data").path("size").asLong(0),
                        block.isObject() ? block.path("height").asLong() : null,
                        block.isObject() ? block.path("timestamp").asLong() : null, t));
            }
            if (!res.path("pageInfo").path("hasNextPage").asBoolean(false) || cursor == null) {
                break;
            }
            vars.put("after", cursor);
        }
        return out;
    }
}
