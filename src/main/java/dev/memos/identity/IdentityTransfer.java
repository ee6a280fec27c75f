package dev.memos.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Export and import of one identity folder (docs/FORMAT.md §9). */
final class IdentityTransfer {
    static final String STAGING = ".staging-";
    static final String REPLACED = ".replaced-";
    private final FileIdentityStore store;

    IdentityTransfer(FileIdentityStore store) {
        this.store = store;
    }

    Path export(MociId id, Path directory, SecretSource secrets) {
        return store.locked(() -> {
            IdentityRecord r = store.requireRecord(id);
            if (r.tier() == Tier.HSM) {
                throw MemosException.usage(id + " is a tier-3 (HSM) identity: its key never leaves the token, so it "
                        + "cannot be exported; use the token's own backup procedure");
            }
            if (r.state() == IdentityState.REVOKED) {
                throw MemosException.usage(id + " is revoked: a revoked identity cannot be exported");
            }
            ObjectNode meta = r.body();
            SecretBytes secret;
            if (r.tier() == Tier.DEVICE) {
                secret = KeyWrap.unwrap(r.key(), id, store.deviceKey(), () -> {
                    throw new IllegalStateException("tier 1 needs no passphrase");
                });
                meta.putObject("key").put("kind", "seed");
                if (r.nextKey() != null) {
                    // The pre-rotated next key (FORMAT §13.6) travels too, or the identity could never rotate again.
                    secret = KeyRotation.withNextSeed(secret, store, r);
                    meta.putObject("nextKey").put("kind", "seed");
                }
            } else {
                secret = SecretBytes.adopt(new byte[0]);
            }
            byte[] payload;
            try (SecretBytes carried = secret) {
                payload = new ExportPayload(meta, carried, collect(store.directory(id))).encode();
            }
            byte[] sealed;
            try (Passphrase p = secrets.get(SecretSource.Kind.NEW_EXPORT_PASSPHRASE, id.toString())) {
                KeyWrap.requireStrong(p);
                sealed = ExportFile.seal(payload, p, store.cfg.exportKdf, store.cfg.random);
            } finally {
                Arrays.fill(payload, (byte) 0);
            }
            try {
                PrivateFiles.ensureDirectory(directory);
                for (int i = 0; ; i++) {
                    byte[] r8 = new byte[4];
                    store.cfg.random.nextBytes(r8);
                    Path out = directory.resolve("moci-export-" + Hex.encode(r8) + ".enc");
                    if (!Files.exists(out) || i > 16) {
                        AtomicFile.write(out, sealed);
                        store.cfg.events.exported(id, out.getFileName().toString());
                        return out;
                    }
                }
            } catch (IOException e) {
                throw MemosException.failure("cannot write the export into " + directory + ": " + e.getMessage(), e);
            }
        });
    }

    /** Every regular file of the folder except identity.json and its backup, by relative path. */
    private static Map<String, byte[]> collect(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = dir.relativize(file).toString().replace('\\', '/');
                    if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                        throw new IOException("refusing to export " + rel + ": not a regular file");
                    }
                    if (rel.equals(FileIdentityStore.IDENTITY_FILE) || rel.equals(FileIdentityStore.IDENTITY_FILE + ".bak")
                            || file.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.CONTINUE;
                    }
                    ExportPayload.checkPath(rel);
                    files.put(rel, Files.readAllBytes(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    IdentityInfo importFile(Path file, boolean replace, boolean allowOlder, SecretSource secrets) {
        byte[] sealed;
        try {
            if (Files.size(file) > ExportFile.MAX_SIZE) {
                throw MemosException.integrity(file + " is too large to be an identity export");
            }
            sealed = Files.readAllBytes(file);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
        byte[] plain;
        try (Passphrase p = secrets.get(SecretSource.Kind.EXPORT_PASSPHRASE, file.getFileName().toString())) {
            plain = ExportFile.open(sealed, p);
        }
        ExportPayload payload;
        try {
            payload = ExportPayload.decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        try (SecretBytes secret = payload.secret()) {
            IdentityRecord r;
            try {
                r = IdentityRecord.fromBody(payload.meta(), null);
            } catch (IllegalArgumentException e) {
                throw MemosException.integrity("the export's identity is malformed: " + dev.memos.encoding.ParseErrors.describe(e));
            }
            return store.locked(() -> accept(r, secret, payload.files(), replace, allowOlder, secrets));
        }
    }

    private IdentityInfo accept(IdentityRecord r, SecretBytes secret, Map<String, byte[]> files, boolean replace,
                                boolean allowOlder, SecretSource secrets) {
        MociId id = r.id();
        if (store.isTombstoned(id)) {
            throw MemosException.integrity(id + " is tombstoned here (revoked or deleted): it can never be imported again");
        }
        if (r.tier() == Tier.HSM || r.state() == IdentityState.REVOKED || r.state() == IdentityState.DELETED) {
            throw MemosException.integrity("the export holds " + id + " as " + r.state().id() + " tier " + r.tier().number()
                    + ": only active or suspended tier-1/2 identities can be imported");
        }
        Path target = store.directory(id);
        if (Files.exists(target) && !replace) {
            throw MemosException.usage(id + " already exists here: add --replace to overwrite it with the export");
        }
        DeviceKey dk = store.deviceKey();
        long now = store.cfg.clock.instant().getEpochSecond();
        ObjectNode key;
        ObjectNode nextKey = r.nextKey();
        if (r.tier() == Tier.DEVICE) {
            if (secret.length() != (nextKey == null ? 32 : 64)) {
                throw MemosException.integrity("the export's key has the wrong length");
            }
            try (SecretBytes seed = KeyRotation.part(secret, 0)) {
                requireMatch(seed, r);
                key = KeyWrap.wrapDevice(seed, dk, id, store.cfg.random);
            }
            if (nextKey != null) {
                try (SecretBytes next = KeyRotation.part(secret, 1)) {
                    nextKey = KeyRotation.wrapCommitted(next, r, dk, store.cfg.random);
                }
            }
        } else {
            key = r.key();
            try (SecretBytes seed = KeyWrap.unwrap(key, id, dk,
                    () -> secrets.get(SecretSource.Kind.IDENTITY_PASSPHRASE, id.toString()))) {
                requireMatch(seed, r);
            }
        }
        // A suspension (or resumption) is this home's decision: an --replace never changes it silently.
        IdentityState here = Files.exists(target) ? store.load(id).map(IdentityRecord::state).orElse(r.state()) : r.state();
        IdentityRecord local = r.withKeys(key, nextKey, now);
        if (here != r.state()) {
            local = local.withState(here, now, null);
        }
        Path staging = store.root.resolve(STAGING + Hex.encode(random(6)));
        boolean done = false;
        try {
            PrivateFiles.ensureDirectory(staging);
            ExportPayload.writeInto(staging, files);
            try (SecretBytes mac = dk.derive(IdentityRecord.MAC_LABEL, id.toString())) {
                new BackedUpFile<IdentityRecord>(staging.resolve(FileIdentityStore.IDENTITY_FILE)).save(local.encode(mac));
            }
            Staged view = new Staged(id, r.algorithm(), r.publicKey(), staging, dk, allowOlder);
            for (ImportCheck check : store.cfg.importChecks) {
                check.check(view);
            }
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = store.root.resolve(REPLACED + id + "-" + Hex.encode(random(6)));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFile.fsyncDirectory(store.root);
            commit(new Staged(id, r.algorithm(), r.publicKey(), target, dk, allowOlder), target, old, staging);
            done = true;
            if (old != null) {
                SecureDelete.tree(old, store.cfg.random);
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot import " + id + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    SecureDelete.tree(staging, store.cfg.random);
                } catch (IOException ignored) {
                    // a leftover .staging- folder is ignored by list() and holds no plaintext key
                }
            }
        }
        store.cfg.events.imported(id, replace);
        if (here != r.state()) {
            store.cfg.events.importKeptState(id, r.state(), here);
        }
        return local.info(target);
    }

    /**
     * Runs the checks' commit step with the new folder in place; if one fails, the new folder goes
     * back to {@code staging} (wiped by the caller) and the replaced one returns, so nothing changed.
     */
    private void commit(Staged placed, Path target, Path old, Path staging) throws IOException {
        try {
            for (ImportCheck check : store.cfg.importChecks) {
                check.committed(placed);
            }
        } catch (RuntimeException e) {
            Files.move(target, staging, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            AtomicFile.fsyncDirectory(store.root);
            throw e;
        }
    }

    /**
     * Finishes what a killed import left behind (caller holds the lock): a folder moved aside by
     * --replace whose successor never arrived is moved back; every other leftover is wiped.
     */
    static void recoverInterrupted(Path root, java.security.SecureRandom random) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var dirs = Files.newDirectoryStream(root, d -> {
            String n = d.getFileName().toString();
            return n.startsWith(STAGING) || n.startsWith(REPLACED);
        })) {
            for (Path d : dirs) {
                String n = d.getFileName().toString();
                if (n.startsWith(REPLACED)) {
                    String rest = n.substring(REPLACED.length());
                    int dash = rest.lastIndexOf('-');
                    String idText = dash > 0 ? rest.substring(0, dash) : "";
                    if (IdValidation.check(idText).valid() && !Files.exists(root.resolve(idText), LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(d, root.resolve(idText), StandardCopyOption.ATOMIC_MOVE);
                        AtomicFile.fsyncDirectory(root);
                        continue;
                    }
                }
                SecureDelete.tree(d, random);
            }
        }
    }

    private static void requireMatch(SecretBytes seed, IdentityRecord r) {
        try (Ed25519 k = Ed25519.fromSeed(seed)) {
            if (!Arrays.equals(k.publicKey(), r.publicKey())) {
                throw MemosException.integrity("the export's key does not match " + r.id() + "'s public key: refused");
            }
        }
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        store.cfg.random.nextBytes(b);
        return b;
    }

    private record Staged(MociId id, SignatureAlgorithm algorithm, byte[] publicKey, Path directory, DeviceKey dk,
                          boolean allowOlder) implements ImportCheck.Staged {
        @Override
        public SecretBytes deviceKey(String label) {
            return dk.derive(label, id.toString());
        }
    }
}
