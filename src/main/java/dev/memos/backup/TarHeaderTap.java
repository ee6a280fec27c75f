package dev.memos.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps the last 512 bytes read from a tar stream, so that right after the tar reader returns an
 * entry (it reads the entry's ustar header last and nothing beyond it) the raw header can be judged.
 * The tar library stops a name at its first NUL; FORMAT.md §3.4 refuses any byte after that NUL
 * ({@code ok\0../../x} is not {@code ok}), which only the raw bytes show. Skips are reads, so no
 * header byte passes unseen.
 */
final class TarHeaderTap extends FilterInputStream {
    static final int RECORD = 512;
    private final byte[] ring = new byte[RECORD];
    private long count;

    TarHeaderTap(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            ring[(int) (count++ % RECORD)] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = 0; i < n; i++) {
            ring[(int) (count++ % RECORD)] = b[off + i];
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** The last 512 bytes read, oldest first (the header of the entry just returned). */
    byte[] lastRecord() {
        byte[] out = new byte[RECORD];
        for (int i = 0; i < RECORD; i++) {
            out[i] = ring[(int) ((count + i) % RECORD)];
        }
        return out;
    }

    /**
     * Why the ustar header's name (bytes 0..100) or, under the ustar magic, its prefix (345..500)
     * holds a non-NUL byte after a NUL; null when neither does.
     */
    static String nameAfterNul(byte[] header) {
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r'
                && header[262] == 0;
        if (junkAfterNul(header, 0, 100)) {
            return "a name with bytes after a NUL in its tar header";
        }
        if (ustar && junkAfterNul(header, 345, 500)) {
            return "a name prefix with bytes after a NUL in its tar header";
        }
        return null;
    }

    private static boolean junkAfterNul(byte[] h, int from, int to) {
        int i = from;
        while (i < to && h[i] != 0) {
            i++;
        }
        for (; i < to; i++) {
            if (h[i] != 0) {
                return true;
            }
        }
        return false;
    }
}
