package dev.memos.identity;

import dev.memos.config.MemosHome;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stores on temporary homes with fast KDF parameters, and recorded events. */
final class TestStores {
    static final Argon2Params FAST = new Argon2Params(64, 1, 1);
    static final String PASS = "correct horse battery";
    static final String EXPORT_PASS = "export staple 42";
    static final SecretSource SECRETS = SecretSource.fixed(Map.of(
            SecretSource.Kind.IDENTITY_PASSPHRASE, PASS, SecretSource.Kind.EXPORT_PASSPHRASE, EXPORT_PASS));

    /** Records what the store reported. */
    static final class Events implements IdentityEvents {
        final List<String> log = new ArrayList<>();

        @Override
        public void recoveredFromBackup(MociId id, String reason) {
            log.add("recovered " + id + ": " + reason);
        }

        @Override
        public void transitioned(MociId id, IdentityState from, IdentityState to) {
            log.add(id + " " + from.id() + "->" + to.id());
        }

        @Override
        public void revoked(MociId id, byte[] record, byte[] signature) {
            log.add("revoked " + id);
        }
    }

    private TestStores() {
    }

    static IdentityStoreBuilder builder(Path home) {
        return IdentityStore.builder(MemosHome.at(home)).identityKdf(FAST).exportKdf(FAST);
    }

    static IdentityStore store(Path home) {
        return builder(home).build();
    }

    static IdentityStore store(Path home, IdentityEvents events) {
        return builder(home).events(events).build();
    }

    /** A CSPRNG stand-in that replays the same bytes for every instance with the same seed. */
    static SecureRandom replaying(long seed) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;
            private final java.util.Random r = new java.util.Random(seed);

            @Override
            public void nextBytes(byte[] bytes) {
                r.nextBytes(bytes);
            }
        };
    }
}
