package dev.memos.arweave;

import dev.memos.error.MemosException;
import java.util.regex.Pattern;

/**
 * The form of a transaction or data item id: 32 bytes in base64url without padding, 43 characters.
 * Checked before any request, so a typo is a usage error instead of a gateway's error page read as
 * data, and an id never reaches a file name it could escape from.
 */
public final class ArweaveId {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private ArweaveId() {
    }

    public static boolean isValid(String s) {
        return s != null && FORM.matcher(s).matches();
    }

    /** {@code id} if well-formed; else a usage error naming {@code what} (e.g. "--tx-id") and what was typed. */
    public static String require(String id, String what) {
        if (!isValid(id)) {
            String shown = id == null ? "" : id.length() > 60 ? id.substring(0, 57) + "..." : id;
            throw MemosException.usage(what + " must be a 43-character base64url Arweave id (A-Z, a-z, 0-9, '-', '_'), got '"
                    + shown.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return id;
    }
}
