package dev.memos.identity;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Signer;
import java.nio.file.Path;

/** An unlocked identity: an in-memory Ed25519 key (tiers 1–2) or a token session (tier 3). */
final class LocalUnlockedIdentity implements UnlockedIdentity {
    private final MociId id;
    private final Tier tier;
    private final IdentityState state;
    private final Signer signer;
    private final AutoCloseable resource;
    private final MemosHome home;
    private final Path directory;
    private volatile boolean closed;

    LocalUnlockedIdentity(IdentityRecord record, Signer signer, AutoCloseable resource, MemosHome home, Path directory) {
        this.id = record.id();
        this.tier = record.tier();
        this.state = record.state();
        this.signer = signer;
        this.resource = resource;
        this.home = home;
        this.directory = directory;
    }

    @Override
    public MociId id() {
        return id;
    }

    @Override
    public Tier tier() {
        return tier;
    }

    @Override
    public IdentityState state() {
        return state;
    }

    @Override
    public Signer signer() {
        if (closed) {
            throw new IllegalStateException("identity " + id + " was locked");
        }
        return signer;
    }

    @Override
    public SecretBytes deviceKey(String label) {
        if (closed) {
            throw new IllegalStateException("identity " + id + " was locked");
        }
        return DeviceKey.loadOrCreate(home.root()).derive(label, id.toString());
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resource.close();
        } catch (Exception ignored) {
            // wiping or logging out is best effort at this point
        }
    }

    @Override
    public String toString() {
        return "UnlockedIdentity[" + id + ", tier " + tier.number() + (closed ? ", locked" : "") + "]";
    }
}
