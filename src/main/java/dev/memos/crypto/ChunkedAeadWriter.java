package dev.memos.crypto;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encrypts a byte stream into STREAM chunks of a fixed size. It keeps one full chunk back until it
 * knows whether more data follows, because only the last chunk carries the final flag; memory is
 * two chunk buffers whatever the stream length.
 */
public final class ChunkedAeadWriter extends OutputStream {
    private final OutputStream out;
    private final ChunkedAead aead;
    private final byte[] plain;
    private final byte[] sealed;
    private int filled;
    private long index;
    private boolean closed;

    public ChunkedAeadWriter(OutputStream out, SecretBytes key, byte[] aad, int chunkSize) {
        this.out = out;
        this.aead = new ChunkedAead(key, aad);
        this.plain = new byte[chunkSize];
        this.sealed = new byte[chunkSize + ChunkedAead.TAG_LENGTH];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (filled == plain.length) {
                emit(false);
            }
            int n = Math.min(len, plain.length - filled);
            System.arraycopy(b, off, plain, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void emit(boolean last) throws IOException {
        int n = aead.seal(index, last, plain, 0, filled, sealed, 0);
        out.write(sealed, 0, n);
        index++;
        filled = 0;
    }

    /** Number of chunks written so far (the last one counts after close). */
    public long chunks() {
        return index;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("chunk writer is closed");
        }
    }

    /** Seals the held-back chunk as the last one; an empty stream is refused (the format has none). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (filled == 0) {
                throw new IOException("an encrypted stream must not end with an empty chunk");
            }
            emit(true);
            out.flush();
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
            out.close();
        }
    }
}
