package dev.memos.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** How the archive section of a bundle is compressed; the code is the header byte (FORMAT.md §3.1). */
public enum Compression {
    NONE(0, "none", 0, 0, 0),
    GZIP(1, "gzip", 1, 9, 6),
    ZSTD(2, "zstd", 1, 19, 3);

    private final int code;
    private final String label;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    Compression(int code, String label, int minLevel, int maxLevel, int defaultLevel) {
        this.code = code;
        this.label = label;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    public static Compression fromCode(int code) {
        for (Compression c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw MemosException.integrity("the bundle names an unknown compression (" + code + "): it is damaged or from a newer memos");
    }

    public static Compression fromLabel(String label) {
        for (Compression c : values()) {
            if (c.label.equals(label.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw MemosException.usage("unknown compression '" + label + "': use zstd, gzip or none");
    }

    /** Checks a user-chosen level; {@code null} means the default. */
    public int level(Integer requested) {
        if (requested == null) {
            return defaultLevel;
        }
        if (this == NONE) {
            throw MemosException.usage("--level has no meaning with --compression none");
        }
        if (requested < minLevel || requested > maxLevel) {
            throw MemosException.usage("--level for " + label + " must be between " + minLevel + " and " + maxLevel + ", got " + requested);
        }
        return requested;
    }

    /**
     * @param workers zstd compression threads beside the caller; 0 compresses on the caller's thread.
     *     Multi-threaded zstd writes other (equally valid) frames than single-threaded zstd, so the
     *     frozen vectors are packed with 0; readers never depend on which was used.
     */
    OutputStream compress(OutputStream out, int level, int workers) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, 64 * 1024) {
                {
                    def.setLevel(level);
                }
            };
            case ZSTD -> {
                ZstdOutputStream z = new ZstdOutputStream(out, level);
                z.setCloseFrameOnFlush(false);
                if (workers > 0) {
                    z.setWorkers(workers);
                }
                yield z;
            }
        };
    }

    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
