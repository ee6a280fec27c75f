package dev.memos.encoding;

import java.util.HexFormat;

/** Lower-case hex without a prefix, plus a lenient decoder for user input that may carry "0x". */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Decodes hex with an optional 0x prefix; throws IllegalArgumentException without echoing the input. */
    public static byte[] decode(CharSequence text) {
        CharSequence s = text;
        if (s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            s = s.subSequence(2, s.length());
        }
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("hex text has an odd number of digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("hex text has a character that is not a hex digit");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
