package dev.memos.encoding;

import java.util.Base64;

/** Unpadded base64url, the encoding Arweave uses for ids, owners and signatures. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Accepts padded or unpadded input; rejects anything outside the URL-safe alphabet with an
     * {@link IllegalArgumentException} whose message is ours (the JDK's reads "Input byte[] should…").
     */
    public static byte[] decode(String text) {
        try {
            return DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid base64url (" + text.length() + " characters)");
        }
    }
}
