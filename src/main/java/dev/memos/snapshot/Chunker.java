package dev.memos.snapshot;

import java.io.IOException;
import java.io.InputStream;

/**
 * FastCDC content-defined chunking with normalised chunking level 2 (Xia et al., USENIX ATC 2016;
 * FORMAT.md §14.2). The gear table comes from the key, so cut points reveal nothing about content to
 * someone without it. The mask takes the most significant bits: with {@code fp = (fp << 1) + G[b]}
 * bit k depends only on the last k+1 bytes, so the top bits see a 48..64-byte window.
 * Immutable and thread-safe; {@link #split} keeps one buffer of {@code 2 × max} per call.
 */
public final class Chunker {
    /** Receives each chunk; the array is reused after the call returns. */
    @FunctionalInterface
    public interface Sink {
        void chunk(byte[] buf, int off, int len) throws IOException;
    }

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final long[] gear;
    private final ChunkerParams params;
    private final long maskS;
    private final long maskL;

    public Chunker(long[] gear, ChunkerParams params) {
        if (gear.length != 256) {
            throw new IllegalArgumentException("gear table has 256 entries");
        }
        this.gear = gear.clone();
        this.params = params;
        this.maskS = params.maskSmall();
        this.maskL = params.maskLarge();
    }

    public ChunkerParams params() {
        return params;
    }

    /** Length of the first chunk of {@code buf[off, off+len)}, {@code len} being all that is left or at least max. */
    int cut(byte[] buf, int off, int len) {
        if (len <= params.min()) {
            return len;
        }
        int n = Math.min(len, params.max());
        int normal = Math.min(n, params.avg());
        long fp = 0;
        int i = params.min();
        for (; i < normal; i++) {
            fp = (fp << 1) + gear[buf[off + i] & 0xff];
            if ((fp & maskS) == 0) {
                return i + 1;
            }
        }
        for (; i < n; i++) {
            fp = (fp << 1) + gear[buf[off + i] & 0xff];
            if ((fp & maskL) == 0) {
                return i + 1;
            }
        }
        return n;
    }

    /**
     * Splits the whole stream; an empty stream gives no chunk. Returns the number of bytes read. The
     * buffer starts small and doubles up to {@code 2 × max} only while a file needs it: most memory
     * files are far smaller than max, and zeroing 2 MiB for each of them cost more than chunking.
     */
    public long split(InputStream in, Sink sink) throws IOException {
        int max = params.max();
        byte[] buf = new byte[Math.min(2 * max, INITIAL_BUFFER)];
        int start = 0;
        int end = 0;
        long total = 0;
        boolean eof = false;
        while (true) {
            while (!eof && end - start < max) {
                if (end == buf.length) {
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    } else {
                        buf = java.util.Arrays.copyOf(buf, Math.min(2 * max, 2 * buf.length));
                    }
                }
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    eof = true;
                } else {
                    end += r;
                    total += r;
                }
            }
            if (start == end) {
                return total;
            }
            int c = cut(buf, start, end - start);
            sink.chunk(buf, start, c);
            start += c;
        }
    }

    @Override
    public String toString() {
        return "Chunker[" + params + ", keyed]";
    }
}
