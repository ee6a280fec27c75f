package dev.memos.shell;

import dev.memos.error.ErrorKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one mapping from failure kinds to documented, stable process exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int AUTH = 3;
    public static final int INTEGRITY = 4;
    public static final int NETWORK = 5;
    public static final int PAYMENT = 6;
    public static final int BUSY = 7;
    public static final int KEY_MISMATCH = 8;
    public static final int UNVERIFIED_KEY = 9;
    public static final int FORK_DETECTED = 10;
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case FAILURE -> FAILURE;
            case USAGE -> USAGE;
            case AUTH -> AUTH;
            case INTEGRITY -> INTEGRITY;
            case NETWORK -> NETWORK;
            case PAYMENT -> PAYMENT;
            case BUSY -> BUSY;
            case KEY_MISMATCH -> KEY_MISMATCH;
            case UNVERIFIED_KEY -> UNVERIFIED_KEY;
            case FORK_DETECTED -> FORK_DETECTED;
            case INTERRUPTED -> INTERRUPTED;
        };
    }

    /** Code → meaning, as printed by {@code help exit-codes} and the README. */
    public static Map<Integer, String> table() {
        Map<Integer, String> t = new LinkedHashMap<>();
        t.put(OK, "success");
        t.put(FAILURE, "failure (local I/O such as no space on the destination, state, anything not below)");
        t.put(USAGE, "usage error: unknown command or option, bad value, an input file name that is not valid UTF-8");
        t.put(AUTH, "locked, missing secret or authentication failed (also a token below token verify --min-trust)");
        t.put(INTEGRITY, "integrity failure: tamper, checksum, signature, rollback (also a token whose trust claim its signed chain head contradicts)");
        t.put(NETWORK, "network or remote failure");
        t.put(PAYMENT, "payment refused (over the cap, wrong network or scheme)");
        t.put(BUSY, "busy: another memos process held the lock too long, or a rate limit; nothing changed, try again later");
        t.put(KEY_MISMATCH, "key mismatch: signed by a key other than the one known for the ID");
        t.put(UNVERIFIED_KEY, "unverified key: no key is known for the ID (pin it, or --trust-on-first-use)");
        t.put(FORK_DETECTED, "fork detected: the identity signed two diverging chains (cloned); quarantined");
        t.put(INTERRUPTED, "interrupted (Ctrl-C)");
        return t;
    }
}
