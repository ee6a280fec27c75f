package dev.memos.crypto;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decrypts STREAM chunks in order. A block is the last one exactly when the input ends right after
 * it, so truncation at a chunk boundary and appended bytes both surface as a failed tag. Bytes of
 * a chunk are released only after its tag has been checked.
 */
public final class ChunkedAeadReader extends InputStream {
    private final InputStream in;
    private final ChunkedAead aead;
    private final int blockSize;
    private final byte[] block;
    private final byte[] plain;
    private int lookahead = -1;
    private int pos;
    private int limit;
    private long index;
    private boolean done;

    public ChunkedAeadReader(InputStream in, SecretBytes key, byte[] aad, int chunkSize) {
        this.in = in;
        this.aead = new ChunkedAead(key, aad);
        this.blockSize = chunkSize + ChunkedAead.TAG_LENGTH;
        this.block = new byte[blockSize];
        this.plain = new byte[chunkSize];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == limit) {
            if (done) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(plain, pos, b, off, n);
        pos += n;
        return n;
    }

    private void fill() throws IOException {
        int got = 0;
        if (lookahead >= 0) {
            block[got++] = (byte) lookahead;
            lookahead = -1;
        }
        got += in.readNBytes(block, got, blockSize - got);
        boolean last;
        if (got < blockSize) {
            last = true;
            if (got <= ChunkedAead.TAG_LENGTH) {
                throw MemosException.integrity(index == 0 && got == 0
                        ? "the bundle has no encrypted content: it is truncated; get an intact copy"
                        : "the bundle is truncated after chunk " + (index - 1) + ": get an intact copy");
            }
        } else {
            lookahead = in.read();
            last = lookahead < 0;
        }
        limit = aead.open(index, last, block, 0, got, plain, 0);
        pos = 0;
        index++;
        done = last;
    }

    /** Chunks opened so far. */
    public long chunks() {
        return index;
    }

    @Override
    public void close() throws IOException {
        java.util.Arrays.fill(plain, (byte) 0);
        in.close();
    }
}
