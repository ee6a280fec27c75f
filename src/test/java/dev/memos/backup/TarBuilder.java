package dev.memos.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** Builds tar archives byte by byte, so tests can produce what no well-behaved writer would. */
final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] header(String name, char type, long size, int mode, String link) {
        byte[] h = new byte[512];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 1_700_000_000L);
        h[156] = (byte) type;
        put(h, 157, 100, link == null ? new byte[0] : link.getBytes(StandardCharsets.UTF_8));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        checksum(h);
        return h;
    }

    static void checksum(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] c = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(c, 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        byte[] s = String.format("%0" + (len - 1) + "o", v).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, h, off, len - 1);
        h[off + len - 1] = 0;
    }

    TarBuilder rawEntry(byte[] header, byte[] data) {
        out.writeBytes(header);
        out.writeBytes(data);
        int pad = (512 - data.length % 512) % 512;
        out.writeBytes(new byte[pad]);
        return this;
    }

    TarBuilder entry(String name, char type, byte[] data, int mode, String link) {
        return rawEntry(header(name, type, data.length, mode, link), data);
    }

    TarBuilder file(String name, byte[] data) {
        return entry(name, '0', data, 0644, null);
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder dir(String name) {
        return entry(name.endsWith("/") ? name : name + "/", '5', new byte[0], 0755, null);
    }

    /** A pax extended header ('x') or global header ('g') with the given records. */
    TarBuilder pax(char type, Map<String, String> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        records.forEach((k, v) -> body.writeBytes(paxRecord(k, v)));
        return entry("PaxHeaders/x", type, body.toByteArray(), 0644, null);
    }

    static byte[] paxRecord(String key, String value) {
        String rest = " " + key + "=" + value + "\n";
        int len = rest.getBytes(StandardCharsets.UTF_8).length;
        int total = len + Integer.toString(len).length();
        if (Integer.toString(total).length() != Integer.toString(len).length()) {
            total++;
        }
        return (total + rest).getBytes(StandardCharsets.UTF_8);
    }

    TarBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The archive with its two terminating zero blocks. */
    byte[] end() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** The archive without terminating blocks (a truncated tar). */
    byte[] unterminated() {
        return out.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void close(java.io.Closeable c) throws IOException {
        c.close();
    }
}
