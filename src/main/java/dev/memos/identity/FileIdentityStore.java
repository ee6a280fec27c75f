package dev.memos.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The file-based store (implementation in progress). */
final class FileIdentityStore implements IdentityStore {
    private final IdentityStoreBuilder cfg;

    FileIdentityStore(IdentityStoreBuilder cfg) {
        this.cfg = cfg;
    }

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("not yet");
    }

    @Override public List<IdentityInfo> list() { throw todo(); }
    @Override public Optional<IdentityInfo> info(MociId id) { throw todo(); }
    @Override public IdentityInfo require(MociId id) { throw todo(); }
    @Override public Optional<IdentityInfo> onlyActive() { throw todo(); }
    @Override public IdentityInfo create(String name, Tier tier, SecretSource secrets) { throw todo(); }
    @Override public UnlockedIdentity unlock(MociId id, SecretSource secrets) { throw todo(); }
    @Override public IdentityInfo suspend(MociId id) { throw todo(); }
    @Override public IdentityInfo resume(MociId id) { throw todo(); }
    @Override public IdentityInfo revoke(MociId id, SecretSource secrets) { throw todo(); }
    @Override public Tombstone delete(MociId id, SecretSource secrets) { throw todo(); }
    @Override public List<Tombstone> tombstones() { throw todo(); }
    @Override public boolean isTombstoned(MociId id) { throw todo(); }
    @Override public Path exportTo(MociId id, Path directory, SecretSource secrets) { throw todo(); }
    @Override public IdentityInfo importFrom(Path file, boolean replace, SecretSource secrets) { throw todo(); }
    @Override public Path directory(MociId id) { return cfg.home.root().resolve("identities").resolve(id.toString()); }
}
