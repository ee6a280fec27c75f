package dev.memos.error;

/**
 * The one exception type the core throws for anything a user can act on. The message is a single
 * line that says what was wrong and what to do; it never carries secret material, so callers may
 * print it as it is.
 */
public class MemosException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public MemosException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MemosException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static MemosException usage(String message) {
        return new MemosException(ErrorKind.USAGE, message);
    }

    public static MemosException auth(String message) {
        return new MemosException(ErrorKind.AUTH, message);
    }

    public static MemosException integrity(String message) {
        return new MemosException(ErrorKind.INTEGRITY, message);
    }

    public static MemosException network(String message, Throwable cause) {
        return new MemosException(ErrorKind.NETWORK, message, cause);
    }

    public static MemosException payment(String message) {
        return new MemosException(ErrorKind.PAYMENT, message);
    }

    /** A lock or rate limit held the operation back; nothing changed and the same call may succeed later. */
    public static MemosException busy(String message) {
        return new MemosException(ErrorKind.BUSY, message);
    }

    public static MemosException failure(String message, Throwable cause) {
        return new MemosException(ErrorKind.FAILURE, message, cause);
    }
}
