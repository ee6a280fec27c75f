package dev.memos.token;

import dev.memos.crypto.Signer;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * INTERIM issuers read from {@code $MEMOS_HOME/identities/<ID>/} until the identity module provides
 * the real ones: an identity exists when its folder does; its state is the word in
 * {@code identities/<ID>/state} (default active), its trust score the number in
 * {@code identities/<ID>/trust-score} (default 10, "new"), and its delegation key an Ed25519 key
 * sealed in {@code tokens/delegation.key} (created on first use) instead of the identity's tier key.
 * Grants (e.g. human → this identity) are read from {@code tokens/grants.json}, a JSON array of links
 * root first (FORMAT.md §11.3), checked on load; without that file chains start at the identity.
 */
public final class LocalIssuerDirectory implements IssuerDirectory {
    private final Path identities;
    private final DeviceSealedKeyStore keys;

    public LocalIssuerDirectory(Path identitiesDir, DeviceSealedKeyStore keys) {
        this.identities = identitiesDir;
        this.keys = keys;
    }

    @Override
    public Optional<Issuer> find(String id) {
        if (!Names.isId(id) || !Files.isDirectory(identities.resolve(id))) {
            return Optional.empty();
        }
        Path dir = identities.resolve(id);
        IssuerState state = read(dir.resolve("state")).map(s -> {
            try {
                return IssuerState.fromId(s);
            } catch (IllegalArgumentException e) {
                throw MemosException.integrity(dir.resolve("state") + " holds '" + s + "', not a known state");
            }
        }).orElse(IssuerState.ACTIVE);
        int trust = read(dir.resolve("trust-score")).map(s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw MemosException.integrity(dir.resolve("trust-score") + " is not a number");
            }
        }).orElse(10);
        return Optional.of(new Issuer() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public IssuerState state() {
                return state;
            }

            @Override
            public int trustScore() {
                return trust;
            }

            @Override
            public Signer delegationSigner() {
                return keys.delegationKey(id);
            }

            @Override
            public List<DelegationLink> grants() {
                return readGrants(dir.resolve("tokens").resolve("grants.json"), id);
            }
        });
    }

    /** The only identity of the home, for commands run without --issuer. */
    public String soleIdentity() {
        List<String> ids;
        try (Stream<Path> s = Files.isDirectory(identities) ? Files.list(identities) : Stream.empty()) {
            ids = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(Names::isId).sorted().toList();
        } catch (IOException e) {
            throw MemosException.failure("cannot list " + identities + ": " + e.getMessage(), e);
        }
        if (ids.isEmpty()) {
            throw MemosException.usage("no identity in " + identities + ": create one with 'memos id generate' first");
        }
        if (ids.size() > 1) {
            throw MemosException.usage("several identities here (" + String.join(", ", ids) + "): choose one with --issuer");
        }
        return ids.get(0);
    }

    /** The stored grants, each signature checked and the chain required to end at {@code id}. */
    static List<DelegationLink> readGrants(Path file, String id) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode arr = dev.memos.encoding.Json.mapper().readTree(Files.readAllBytes(file));
            if (arr == null || !arr.isArray() || arr.isEmpty() || arr.size() >= TokenVerifier.DEFAULT_MAX_DEPTH) {
                throw new IllegalArgumentException("expected an array of 1.." + (TokenVerifier.DEFAULT_MAX_DEPTH - 1) + " links");
            }
            List<DelegationLink> links = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode n : arr) {
                DelegationLink l = DelegationLink.fromJson(n);
                if (!l.signatureValid()) {
                    throw new IllegalArgumentException("the link " + l + " is not signed by its delegator");
                }
                if (!links.isEmpty()) {
                    DelegationLink prev = links.get(links.size() - 1);
                    if (!prev.to().equals(l.from()) || !java.security.MessageDigest.isEqual(prev.rawToKey(), l.rawFromKey())) {
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
            throw MemosException.integrity(file + " is not a valid grant chain (" + e.getMessage()
                    + "): ask the delegator for a new grant, or remove the file to issue without it");
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
