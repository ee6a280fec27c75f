package dev.memos.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.error.MemosException;
import dev.memos.store.HomeLock;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The file-based {@link IdentityStore} (layout in docs/FORMAT.md §8). */
final class FileIdentityStore implements IdentityStore {
    static final String IDENTITIES = "identities";
    static final String IDENTITY_FILE = "identity.json";

    final IdentityStoreBuilder cfg;
    final Path root;
    private volatile Thread lockOwner;

    FileIdentityStore(IdentityStoreBuilder cfg) {
        this.cfg = cfg;
        this.root = cfg.home.root().resolve(IDENTITIES);
    }

    @Override
    public Path directory(MociId id) {
        return root.resolve(id.toString());
    }

    DeviceKey deviceKey() {
        cfg.home.ensure();
        return DeviceKey.loadOrCreate(cfg.home.root());
    }

    BackedUpFile<IdentityRecord> file(MociId id) {
        return new BackedUpFile<>(directory(id).resolve(IDENTITY_FILE));
    }

    Optional<IdentityRecord> load(MociId id) {
        DeviceKey dk = deviceKey();
        try (SecretBytes mac = dk.derive(IdentityRecord.MAC_LABEL, id.toString())) {
            Optional<BackedUpFile.Loaded<IdentityRecord>> loaded = file(id).load(
                    c -> IdentityRecord.decode(c, mac, id), Comparator.comparingLong(IdentityRecord::generation));
            loaded.filter(l -> l.repairedReason() != null)
                    .ifPresent(l -> cfg.events.recoveredFromBackup(id, l.repairedReason()));
            return loaded.map(BackedUpFile.Loaded::value);
        }
    }

    IdentityRecord requireRecord(MociId id) {
        return load(id).orElseThrow(() -> MemosException.usage("no identity " + id + " in " + root
                + (isTombstoned(id) ? " (it was revoked or deleted)" : "") + ": see 'memos id list'"));
    }

    void save(IdentityRecord r) {
        DeviceKey dk = deviceKey();
        try (SecretBytes mac = dk.derive(IdentityRecord.MAC_LABEL, r.id().toString())) {
            PrivateFiles.ensureDirectory(directory(r.id()));
            file(r.id()).save(r.encode(mac));
        } catch (IOException e) {
            throw MemosException.failure("cannot save " + r.id() + ": " + e.getMessage(), e);
        }
    }

    /** Runs a mutation holding {@code identities/.lock}; reports the new list ({@link IdentityEvents#listChanged}) before releasing it. */
    <T> T locked(Supplier<T> action) {
        try {
            PrivateFiles.ensureDirectory(cfg.home.ensure().root());
            PrivateFiles.ensureDirectory(root);
        } catch (IOException e) {
            throw MemosException.failure("cannot create " + root + ": " + e.getMessage(), e);
        }
        if (lockOwner == Thread.currentThread()) {
            return action.get(); // re-entered (a tombstone rebuilt while importing): the lock is ours already
        }
        HomeLock lock = HomeLock.acquire(root.resolve(".lock"));
        lockOwner = Thread.currentThread();
        try {
            try {
                IdentityTransfer.recoverInterrupted(root, cfg.random);
            } catch (IOException e) {
                throw MemosException.failure("cannot clean up an interrupted import in " + root + ": " + e.getMessage(), e);
            }
            T result = action.get();
            cfg.events.listChanged(list());
            return result;
        } finally {
            lockOwner = null;
            lock.close();
        }
    }

    @Override
    public List<IdentityInfo> list() {
        List<IdentityInfo> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                IdValidation v = IdValidation.check(d.getFileName().toString());
                if (v.valid()) {
                    MociId id = MociId.parse(d.getFileName().toString());
                    try {
                        load(id).ifPresent(r -> out.add(r.info(d)));
                    } catch (MemosException e) {
                        // One damaged identity must not hide the others; the event says which.
                        cfg.events.damaged(id, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(IdentityInfo::id));
        return out;
    }

    @Override
    public Optional<IdentityInfo> info(MociId id) {
        return load(id).map(r -> r.info(directory(id)));
    }

    @Override
    public IdentityInfo require(MociId id) {
        return requireRecord(id).info(directory(id));
    }

    @Override
    public IdentityInfo requireActive(MociId id) {
        IdentityInfo i = require(id);
        if (!i.state().usable()) {
            throw MemosException.auth(id + " is " + i.state().id() + ": no tokens or memory writes"
                    + (i.state() == IdentityState.SUSPENDED ? " until 'memos id resume " + id + "'" : ""));
        }
        return i;
    }

    @Override
    public Optional<IdentityInfo> onlyActive() {
        List<IdentityInfo> active = list().stream().filter(i -> i.state() == IdentityState.ACTIVE).toList();
        return active.size() == 1 ? Optional.of(active.get(0)) : Optional.empty();
    }

    @Override
    public IdentityInfo create(String name, Tier tier, SecretSource secrets) {
        String n;
        try {
            n = MociId.normaliseName(name);
        } catch (IllegalArgumentException e) {
            throw MemosException.usage("invalid name: " + e.getMessage());
        }
        if (cfg.blockedNames.contains(n)) {
            throw MemosException.usage("the name " + n + " is reserved (identity.blocked-names): choose another");
        }
        return locked(() -> {
            MociId id = freshId(n);
            long now = cfg.clock.instant().getEpochSecond();
            IdentityRecord r;
            if (tier == Tier.HSM) {
                String alias = alias(id);
                byte[] pub;
                try (Passphrase pin = secrets.get(SecretSource.Kind.HSM_PIN, id.toString());
                     Pkcs11Token token = Pkcs11Token.open(cfg.hsm, pin)) {
                    pub = token.generate(alias);
                }
                ObjectNode key = JsonNodeFactory.instance.objectNode();
                key.put("kind", KeyWrap.PKCS11);
                key.put("module", cfg.hsm.module().toString());
                key.put("slotListIndex", cfg.hsm.slotListIndex());
                key.put("alias", alias);
                r = new IdentityRecord(id, tier, IdentityState.ACTIVE, pub, now, now, 1, key, null);
            } else {
                KeyRotation.Fresh f;
                if (tier == Tier.DEVICE) {
                    f = KeyRotation.fresh(id, KeyRotation.wrapper(this, id, tier, null), now);
                } else {
                    try (Passphrase p = secrets.get(SecretSource.Kind.NEW_IDENTITY_PASSPHRASE, id.toString())) {
                        KeyWrap.requireStrong(p);
                        f = KeyRotation.fresh(id, KeyRotation.wrapper(this, id, tier, p), now);
                    }
                }
                // Pre-rotation from birth (FORMAT §13.6): the inception commits to the next key, kept wrapped beside the current one.
                r = new IdentityRecord(id, tier, IdentityState.ACTIVE, f.publicKey(), now, now, 1, f.key(), null, f.nextKey(), f.keyEvents());
            }
            save(r);
            IdentityInfo info = r.info(directory(id));
            cfg.events.created(info);
            return info;
        });
    }

    static String alias(MociId id) {
        return "memos-" + id;
    }

    private MociId freshId(String name) {
        for (int attempt = 0; attempt < 64; attempt++) {
            MociId id = MociId.generate(name, cfg.random);
            if (!Files.exists(directory(id)) && !isTombstoned(id)) {
                return id;
            }
        }
        throw MemosException.failure("could not find a free id for " + name + " after 64 tries", null);
    }

    @Override
    public UnlockedIdentity unlock(MociId id, SecretSource secrets) {
        IdentityRecord r = requireRecord(id);
        if (r.state() == IdentityState.REVOKED) {
            throw MemosException.auth(id + " is revoked: its key can no longer be used");
        }
        return unlockRecord(r, secrets);
    }

    LocalUnlockedIdentity unlockRecord(IdentityRecord r, SecretSource secrets) {
        ObjectNode key = r.key();
        if (r.tier() == Tier.HSM) {
            HsmConfig hsm = new HsmConfig(Path.of(IdentityRecord.text(key, "module")),
                    IdentityRecord.integer(key, "slotListIndex").intValue());
            Pkcs11Token token;
            try (Passphrase pin = secrets.get(SecretSource.Kind.HSM_PIN, r.id().toString())) {
                token = Pkcs11Token.open(hsm, pin);
            }
            try {
                Signer s = token.signer(IdentityRecord.text(key, "alias"), r.publicKey());
                return new LocalUnlockedIdentity(r, s, token, cfg.home, directory(r.id()));
            } catch (RuntimeException e) {
                token.close();
                throw e;
            }
        }
        try (SecretBytes seed = KeyWrap.unwrap(key, r.id(), deviceKey(),
                () -> secrets.get(SecretSource.Kind.IDENTITY_PASSPHRASE, r.id().toString()))) {
            Ed25519 k = Ed25519.fromSeed(seed);
            if (!Arrays.equals(k.publicKey(), r.publicKey())) {
                k.close();
                throw MemosException.integrity("the key of " + r.id() + " does not match its public key: restore from backup");
            }
            return new LocalUnlockedIdentity(r, k, k, cfg.home, directory(r.id()));
        }
    }

    private IdentityInfo transition(MociId id, IdentityState target) {
        return locked(() -> {
            IdentityRecord r = requireRecord(id);
            r.state().requireTransition(id, target);
            IdentityRecord next = r.withState(target, cfg.clock.instant().getEpochSecond(), null);
            save(next);
            cfg.events.transitioned(id, r.state(), target);
            return next.info(directory(id));
        });
    }

    @Override
    public IdentityInfo suspend(MociId id) {
        return transition(id, IdentityState.SUSPENDED);
    }

    @Override
    public IdentityInfo resume(MociId id) {
        return transition(id, IdentityState.ACTIVE);
    }

    @Override
    public IdentityInfo changePassphrase(MociId id, SecretSource secrets) {
        return rekey(id, r -> KeyRotation.changePassphrase(this, r, secrets, cfg.clock.instant().getEpochSecond()),
                (r, next) -> cfg.events.passphraseChanged(id));
    }

    @Override
    public Optional<KeyEventLog> keyEvents(MociId id) {
        return requireRecord(id).keyLog();
    }

    @Override
    public IdentityInfo rotateKey(MociId id, SecretSource secrets) {
        return rekey(id, r -> KeyRotation.rotate(this, r, secrets, cfg.clock.instant().getEpochSecond()),
                (r, next) -> cfg.events.keyRotated(id, r.publicKey(), next.keyLog().orElseThrow().current()));
    }

    /**
     * A new wrapping or a new key, under the lock: the two-copy atomic save means that until the new
     * record is durable the old one (with the old key or passphrase) is what loads, never neither.
     */
    private IdentityInfo rekey(MociId id, java.util.function.UnaryOperator<IdentityRecord> change,
                               java.util.function.BiConsumer<IdentityRecord, IdentityRecord> report) {
        return locked(() -> {
            IdentityRecord r = requireRecord(id);
            IdentityRecord next = change.apply(r);
            save(next);
            report.accept(r, next);
            return next.info(directory(id));
        });
    }

    @Override
    public IdentityInfo revoke(MociId id, SecretSource secrets) {
        return locked(() -> {
            IdentityRecord r = requireRecord(id);
            r.state().requireTransition(id, IdentityState.REVOKED);
            long now = cfg.clock.instant().getEpochSecond();
            byte[] record = RevocationRecord.encode(id, r.algorithm(), r.publicKey(), now);
            // The key stays open until the observers have run: the memory chain signs its REVOKED step with it.
            try (UnlockedIdentity u = unlockRecord(r, secrets)) {
                byte[] sig = u.signer().sign(record);
                ObjectNode rev = JsonNodeFactory.instance.objectNode();
                rev.put("record", Base64Url.encode(record));
                rev.put("signature", Base64Url.encode(sig));
                IdentityRecord next = r.withState(IdentityState.REVOKED, now, rev);
                putTombstone(new Tombstone(id, IdentityState.REVOKED, cfg.clock.instant(), r.algorithm().id(),
                        Base64Url.encode(r.publicKey()), Base64Url.encode(record), Base64Url.encode(sig)));
                save(next);
                cfg.events.transitioned(id, r.state(), IdentityState.REVOKED);
                cfg.events.revoked(id, record, sig, u.signer());
                return next.info(directory(id));
            }
        });
    }

    @Override
    public Tombstone delete(MociId id, SecretSource secrets) {
        return locked(() -> {
            IdentityRecord r = requireRecord(id);
            r.state().requireTransition(id, IdentityState.DELETED);
            if (r.tier() == Tier.HSM) {
                ObjectNode key = r.key();
                HsmConfig hsm = new HsmConfig(Path.of(IdentityRecord.text(key, "module")),
                        IdentityRecord.integer(key, "slotListIndex").intValue());
                try (Passphrase pin = secrets.get(SecretSource.Kind.HSM_PIN, id.toString());
                     Pkcs11Token token = Pkcs11Token.open(hsm, pin)) {
                    token.destroy(IdentityRecord.text(key, "alias"));
                }
            }
            ObjectNode rev = r.revocation();
            Tombstone t = new Tombstone(id, IdentityState.DELETED, cfg.clock.instant(), r.algorithm().id(),
                    Base64Url.encode(r.publicKey()), rev == null ? null : rev.path("record").asText(null),
                    rev == null ? null : rev.path("signature").asText(null));
            // Tombstone first: a crash mid-wipe must still leave the id blocked.
            putTombstone(t);
            try {
                SecureDelete.tree(directory(id), cfg.random);
            } catch (IOException e) {
                throw MemosException.failure("could not wipe " + directory(id) + " completely (" + e.getMessage()
                        + "): remove it by hand; the id stays tombstoned", e);
            }
            cfg.events.transitioned(id, IdentityState.REVOKED, IdentityState.DELETED);
            return t;
        });
    }

    TombstoneFile tombstoneFile(SecretBytes mac) {
        return new TombstoneFile(root, mac);
    }

    void putTombstone(Tombstone t) {
        try (SecretBytes mac = deviceKey().derive(TombstoneFile.MAC_LABEL, "")) {
            tombstoneFile(mac).put(t);
        } catch (IOException e) {
            throw MemosException.failure("cannot write the tombstone list: " + e.getMessage(), e);
        }
    }

    /** The tombstone list as stored (empty when neither copy exists). */
    private List<Tombstone> storedTombstones() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (SecretBytes mac = deviceKey().derive(TombstoneFile.MAC_LABEL, "")) {
            return tombstoneFile(mac).read();
        }
    }

    /** Checked against the witness: a tombstone the evidence proves but the list lacks is rebuilt, and reported (exit 4). */
    @Override
    public List<Tombstone> tombstones() {
        return new TombstoneReconciler(this).reconcile(null, storedTombstones());
    }

    @Override
    public boolean isTombstoned(MociId id) {
        return new TombstoneReconciler(this).reconcile(id, storedTombstones()).stream().anyMatch(t -> t.id().equals(id));
    }

    @Override
    public Path exportTo(MociId id, Path directory, SecretSource secrets) {
        return new IdentityTransfer(this).export(id, directory, secrets);
    }

    @Override
    public IdentityInfo importFrom(Path file, boolean replace, boolean allowOlder, SecretSource secrets) {
        return new IdentityTransfer(this).importFile(file, replace, allowOlder, secrets);
    }

    static byte[] canonical(ObjectNode o) {
        return CanonicalJson.bytes(o);
    }
}
