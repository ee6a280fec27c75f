package dev.memos.arweave;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ANS-104 tag encoding: an Avro array of records {name: string, value: string} as arbundles
 * (avsc) writes it — one block with a zigzag-varint count, each string as zigzag-varint length
 * plus UTF-8 bytes, then a zero count. No tags at all is zero bytes, not an empty array.
 */
public final class AvroTags {
    public static final int MAX_TAGS = 128;

    private AvroTags() {
    }

    public static byte[] encode(List<Tag> tags) {
        if (tags.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLong(out, tags.size());
        for (Tag t : tags) {
            writeBytes(out, t.nameBytes());
            writeBytes(out, t.valueBytes());
        }
        writeLong(out, 0);
        return out.toByteArray();
    }

    /** Decodes and checks the count; blocks with a negative count (size-prefixed) are accepted. */
    public static List<Tag> decode(byte[] bytes, long expectedCount) {
        List<Tag> tags = new ArrayList<>();
        if (bytes.length == 0) {
            if (expectedCount != 0) {
                throw new IllegalArgumentException("tag count says " + expectedCount + " but there are no tag bytes");
            }
            return tags;
        }
        int[] pos = {0};
        while (true) {
            long count = readLong(bytes, pos);
            if (count == 0) {
                break;
            }
            if (count < 0) {
                count = -count;
                readLong(bytes, pos);
            }
            if (tags.size() + count > MAX_TAGS) {
                throw new IllegalArgumentException("more than " + MAX_TAGS + " tags");
            }
            for (long i = 0; i < count; i++) {
                tags.add(new Tag(readString(bytes, pos), readString(bytes, pos)));
            }
        }
        if (pos[0] != bytes.length) {
            throw new IllegalArgumentException("trailing bytes after the tags");
        }
        if (tags.size() != expectedCount) {
            throw new IllegalArgumentException("tag count says " + expectedCount + " but " + tags.size() + " are encoded");
        }
        return tags;
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] b) {
        writeLong(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
    }

    private static long readLong(byte[] b, int[] pos) {
        long z = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= b.length || shift > 63) {
                throw new IllegalArgumentException("truncated or overlong varint in tags");
            }
            int x = b[pos[0]++] & 0xff;
            z |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (z >>> 1) ^ -(z & 1);
    }

    private static String readString(byte[] b, int[] pos) {
        long len = readLong(b, pos);
        if (len < 0 || len > b.length - pos[0]) {
            throw new IllegalArgumentException("tag string length out of range");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, pos[0], (int) len)).toString();
            pos[0] += (int) len;
            return s;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("tag is not UTF-8");
        }
    }
}
