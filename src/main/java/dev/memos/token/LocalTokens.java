package dev.memos.token;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The token components of one memos home, as the CLI uses them. Layout:
 * {@code identities/<ID>/tokens/} (sealed keys, issuer side), {@code tokens/pins.json} and
 * {@code tokens/replay/} (verifier side), {@code tokens/events.jsonl} (interim audit sink).
 * This is the one place the lead rewires to the identity, ring and audit modules.
 */
public final class LocalTokens {
    private final MemosHome home;
    private final Clock clock;
    private DeviceSealedKeyStore keys;
    private LocalIssuerDirectory issuers;

    public LocalTokens(MemosHome home, Clock clock) {
        this.home = home;
        this.clock = clock;
    }

    public synchronized DeviceSealedKeyStore keys() {
        if (keys == null) {
            home.ensure();
            keys = new DeviceSealedKeyStore(identitiesDir(), DeviceKey.loadOrCreate(home.root()));
        }
        return keys;
    }

    public synchronized LocalIssuerDirectory issuers() {
        if (issuers == null) {
            issuers = new LocalIssuerDirectory(identitiesDir(), keys());
        }
        return issuers;
    }

    public TokenEvents events() {
        return new JsonLinesTokenEvents(home.resolve("tokens").resolve("events.jsonl"), clock);
    }

    public TokenIssuer issuer() {
        return TokenIssuer.builder().issuers(issuers()).keys(keys()).events(events()).clock(clock).build();
    }

    public Path pinFile() {
        return home.resolve("tokens").resolve("pins.json");
    }

    public Path replayDir() {
        return home.resolve("tokens").resolve("replay");
    }

    public PinStore pins() {
        tokensDir();
        return PinStore.file(pinFile());
    }

    /** {@code $MEMOS_HOME/tokens}, created 0700 before anything lands in it. */
    private Path tokensDir() {
        home.ensure();
        try {
            return dev.memos.store.PrivateFiles.ensureDirectory(home.resolve("tokens"));
        } catch (java.io.IOException e) {
            throw dev.memos.error.MemosException.failure("cannot create " + home.resolve("tokens") + ": " + e.getMessage(), e);
        }
    }

    /** A verifier for {@code skill} with this home's pins and persistent replay cache; close it after use. */
    public TokenVerifier verifier(String skill, int maxDepth) {
        tokensDir();
        return TokenVerifier.builder(skill).clock(clock).maxDepth(maxDepth).pinFile(pinFile())
                .replayDirectory(replayDir()).events(events()).build();
    }

    private Path identitiesDir() {
        return home.resolve("identities");
    }
}
