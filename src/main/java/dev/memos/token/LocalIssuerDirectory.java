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
 * It has no grants, so chains start at the local identity.
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
                return List.of();
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

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
