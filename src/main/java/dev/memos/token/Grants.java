package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code identities/<ID>/tokens/grants.json}: links granted TO an identity, root first (FORMAT.md
 * §11.3), each signature checked and the chain required to connect and end at the identity.
 */
public final class Grants {
    public static final String FILE = "grants.json";

    private Grants() {
    }

    /**
     * Stores {@code links} (root first, ending at {@code id}) as the grants of {@code id}: checked as
     * {@link #read} checks them, then written atomically (0600, folder 0700).
     */
    public static void write(Path file, String id, List<DelegationLink> links) {
        com.fasterxml.jackson.databind.node.ArrayNode arr = Json.mapper().createArrayNode();
        links.forEach(l -> arr.add(l.toJson(true)));
        byte[] bytes = dev.memos.encoding.CanonicalJson.bytes(arr);
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".grants-", ".check");
            try {
                Files.write(tmp, bytes);
                read(tmp, id);
            } finally {
                Files.deleteIfExists(tmp);
            }
            dev.memos.store.AtomicFile.write(file, bytes);
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The stored grants of {@code id} ({@code file} missing: none). */
    public static List<DelegationLink> read(Path file, String id) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode arr = Json.mapper().readTree(Files.readAllBytes(file));
            if (arr == null || !arr.isArray() || arr.isEmpty() || arr.size() >= TokenVerifier.DEFAULT_MAX_DEPTH) {
                throw new IllegalArgumentException("expected an array of 1.." + (TokenVerifier.DEFAULT_MAX_DEPTH - 1) + " links");
            }
            List<DelegationLink> links = new ArrayList<>();
            for (JsonNode n : arr) {
                DelegationLink l = DelegationLink.fromJson(n);
                if (!l.signatureValid()) {
                    throw new IllegalArgumentException("the link " + l + " is not signed by its delegator");
                }
                if (!links.isEmpty()) {
                    DelegationLink prev = links.get(links.size() - 1);
                    if (!prev.to().equals(l.from()) || !Hash.equal(prev.rawToKey(), l.rawFromKey())) {
                        throw new IllegalArgumentException("the links do not connect");
                    }
                }
                links.add(l);
            }
            if (!links.get(links.size() - 1).to().equals(id)) {
                throw new IllegalArgumentException("the last grant is to " + links.get(links.size() - 1).to() + ", not " + id);
            }
            return List.copyOf(links);
        } catch (IOException | IllegalArgumentException e) {
            throw MemosException.integrity(file + " is not a valid grant chain (" + dev.memos.encoding.ParseErrors.describe(e)
                    + "): ask the delegator for a new grant, or remove the file to issue without it");
        }
    }
}
