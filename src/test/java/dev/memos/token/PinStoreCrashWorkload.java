package dev.memos.token;

import dev.memos.crash.CrashWorkload;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Issuer pin file (TOFU pins, rewritten atomically on each put): after a kill it loads (never
 * "damaged") and holds the acknowledged pin of every issuer. Writes cycle over ISSUERS issuers, the
 * pin of write n carrying n, so the check is bounded however many writes the children made.
 */
public final class PinStoreCrashWorkload implements CrashWorkload {
    static final String AUDIENCE = "skill:weather";
    static final int ISSUERS = 64;

    static String issuer(long n) {
        return "human:crash" + (n % ISSUERS);
    }

    static Pin pin(long n) {
        return new Pin(ByteBuffer.allocate(32).putLong(n).putLong(~n).putLong(n).putLong(~n).array(), null);
    }

    private static long written(Optional<Pin> p) {
        return p.map(x -> ByteBuffer.wrap(x.tokenKey()).getLong()).orElse(-1L);
    }

    @Override
    public void setUp(Path dir) throws Exception {
        Files.createDirectories(dir);
    }

    @Override
    public void writeLoop(Path dir, Acks acks) {
        PinStore pins = PinStore.file(dir.resolve("pins.json"));
        long n = 0;
        for (int i = 0; i < ISSUERS; i++) {
            n = Math.max(n, written(pins.get(AUDIENCE, issuer(i))) + 1);
        }
        for (; ; n++) {
            pins.put(AUDIENCE, issuer(n), pin(n));
            acks.ack(n);
        }
    }

    @Override
    public void check(Path dir, long lastAck) {
        PinStore p = PinStore.file(dir.resolve("pins.json"));
        for (long m = Math.max(0, lastAck - ISSUERS + 1); m <= lastAck; m++) {
            Optional<Pin> got = p.get(AUDIENCE, issuer(m));
            long w = written(got);
            boolean inFlight = w == lastAck + 1 && m == lastAck + 1 - ISSUERS;
            if (!inFlight && (w != m || !Arrays.equals(got.get().tokenKey(), pin(m).tokenKey()))) {
                throw new AssertionError("acknowledged pin " + m + " of " + issuer(m) + " lost or changed (found write " + w + ")");
            }
        }
    }
}
