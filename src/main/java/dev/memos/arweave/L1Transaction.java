package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A format-2 Arweave transaction. The signature covers deepHash(["2", owner, target, quantity,
 * reward, last_tx, [[name, value]...], data_size, data_root]) with b64url fields decoded to raw
 * bytes and numbers as decimal ASCII (arweave-js lib/transaction.ts getSignatureData);
 * id = b64url(SHA-256(signature)). Data larger than one chunk is not carried inline.
 */
public record L1Transaction(byte[] owner, byte[] target, String quantity, String reward, byte[] lastTx, List<Tag> tags,
                            long dataSize, byte[] dataRoot, byte[] inlineData, byte[] signature) {

    public L1Transaction {
        tags = List.copyOf(tags);
    }

    /** An unsigned transaction for data described by {@code tree}; {@code inlineData} may be null. */
    public static L1Transaction unsigned(byte[] owner, String reward, byte[] lastTx, List<Tag> tags, ChunkTree tree,
                                         byte[] inlineData) {
        byte[] root = tree.size() == 0 ? new byte[0] : tree.dataRoot();
        return new L1Transaction(owner, new byte[0], "0", reward, lastTx, tags, tree.size(), root, inlineData, null);
    }

    public byte[] signatureData() {
        List<Object> tagList = new ArrayList<>();
        for (Tag t : tags) {
            tagList.add(List.of(t.nameBytes(), t.valueBytes()));
        }
        return DeepHash.hash(List.of(DeepHash.ascii("2"), owner, target, DeepHash.ascii(quantity), DeepHash.ascii(reward),
                lastTx, tagList, DeepHash.ascii(Long.toString(dataSize)), dataRoot));
    }

    public L1Transaction sign(JwkWallet wallet) {
        return sign(wallet, JwkWallet.SALT_LENGTH);
    }

    public L1Transaction sign(JwkWallet wallet, int saltLength) {
        L1Transaction withOwner = new L1Transaction(wallet.owner(), target, quantity, reward, lastTx, tags, dataSize,
                dataRoot, inlineData, null);
        return new L1Transaction(withOwner.owner, target, quantity, reward, lastTx, tags, dataSize, dataRoot, inlineData,
                wallet.sign(withOwner.signatureData(), saltLength));
    }

    public String id() {
        if (signature == null) {
            throw new IllegalStateException("transaction is not signed");
        }
        return Base64Url.encode(Hash.sha256(signature));
    }

    /** Signature valid for the owner, and the id derived from it. */
    public boolean verify() {
        return signature != null && RsaPssVerifier.verify(owner, signatureData(), signature);
    }

    /** The JSON body of POST /tx. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("format", 2);
        o.put("id", id());
        o.put("last_tx", Base64Url.encode(lastTx));
        o.put("owner", Base64Url.encode(owner));
        ArrayNode t = o.putArray("tags");
        for (Tag tag : tags) {
            t.addObject().put("name", Base64Url.encode(tag.nameBytes())).put("value", Base64Url.encode(tag.valueBytes()));
        }
        o.put("target", Base64Url.encode(target));
        o.put("quantity", quantity);
        o.put("data", inlineData == null ? "" : Base64Url.encode(inlineData));
        o.put("data_size", Long.toString(dataSize));
        o.put("data_root", Base64Url.encode(dataRoot));
        o.put("reward", reward);
        o.put("signature", Base64Url.encode(signature));
        return o;
    }

    /** Parses a transaction header as GET /tx/{id} returns it (data is not read). */
    public static L1Transaction fromJson(JsonNode o) {
        if (o.path("format").asInt() != 2) {
            throw new IllegalArgumentException("only format-2 transactions are supported");
        }
        List<Tag> tags = new ArrayList<>();
        for (JsonNode t : o.path("tags")) {
            tags.add(new Tag(new String(b64(t, "name"), java.nio.charset.StandardCharsets.UTF_8),
                    new String(b64(t, "value"), java.nio.charset.StandardCharsets.UTF_8)));
        }
        return new L1Transaction(b64(o, "owner"), b64(o, "target"), o.path("quantity").asText("0"), o.path("reward").asText(),
                b64(o, "last_tx"), tags, Long.parseLong(o.path("data_size").asText("0")), b64(o, "data_root"), null,
                b64(o, "signature"));
    }

    private static byte[] b64(JsonNode o, String field) {
        return Base64Url.decode(o.path(field).asText(""));
    }
}
