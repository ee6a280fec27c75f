package dev.memos.archfixture;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Violates the crypto confinement: an HMAC with javax.crypto.Mac outside dev.memos.crypto. */
public final class MacOutsideCrypto {
    private MacOutsideCrypto() {
    }

    public static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data);
    }
}
