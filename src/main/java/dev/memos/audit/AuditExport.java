package dev.memos.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes what an auditor reads (FORMAT.md §12.7): every entry decoded, with its encoded bytes, leaf
 * hash and chain MAC, plus every signed checkpoint, so the export can be checked against the
 * checkpoints without memos. {@code json} is one document; {@code jsonl} one object per line.
 */
public final class AuditExport {
    public static final String FORMAT_ID = "memos-audit-export-v1";

    public enum Format { JSON, JSONL }

    private AuditExport() {
    }

    /** Writes atomically (0600); returns the number of entries written. */
    public static long write(Path dir, String logId, Format format, Path output, Instant now) {
        long[] count = {0};
        List<Checkpoint> checkpoints = CheckpointFile.readAll(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
        try {
            AtomicFile.write(output, out -> {
                try (JsonGenerator g = Json.mapper().getFactory().createGenerator(new NoClose(out), JsonEncoding.UTF8)) {
                    g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString(""));
                    if (format == Format.JSON) {
                        g.writeStartObject();
                        g.writeStringField("format", FORMAT_ID);
                        g.writeStringField("log", logId);
                        g.writeStringField("exported_at", now.toString());
                        g.writeArrayFieldStart("entries");
                    }
                    try {
                        AuditReader.forEach(dir, (e, encoded, mac) -> {
                            try {
                                writeEntry(g, e, encoded, mac, format == Format.JSONL);
                                count[0]++;
                            } catch (IOException io) {
                                throw new UncheckedIOException(io);
                            }
                        });
                    } catch (UncheckedIOException io) {
                        throw io.getCause();
                    }
                    if (format == Format.JSON) {
                        g.writeEndArray();
                        g.writeArrayFieldStart("checkpoints");
                    }
                    for (Checkpoint cp : checkpoints) {
                        if (format == Format.JSONL) {
                            g.writeStartObject();
                            g.writeStringField("kind", "checkpoint");
                            g.writeFieldName("checkpoint");
                            g.writeTree(cp.toJson());
                            g.writeEndObject();
                            g.writeRaw('\n');
                        } else {
                            g.writeTree(cp.toJson());
                        }
                    }
                    if (format == Format.JSON) {
                        g.writeEndArray();
                        g.writeEndObject();
                        g.writeRaw('\n');
                    }
                }
            });
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + output + ": " + e.getMessage(), e);
        }
        return count[0];
    }

    private static void writeEntry(JsonGenerator g, AuditEntry e, byte[] encoded, byte[] mac, boolean line) throws IOException {
        g.writeStartObject();
        if (line) {
            g.writeStringField("kind", "entry");
        }
        g.writeNumberField("index", e.index());
        g.writeStringField("time", e.time().toString());
        g.writeNumberField("time_ms", e.timeMillis());
        g.writeStringField("event", e.event());
        g.writeStringField("identity", e.identity());
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            g.writeStringField(d.getKey(), d.getValue());
        }
        g.writeEndObject();
        g.writeStringField("encoded", Base64Url.encode(encoded));
        g.writeStringField("leaf", Hex.encode(Merkle.leafHash(encoded)));
        g.writeStringField("mac", Hex.encode(mac));
        g.writeEndObject();
        if (line) {
            g.writeRaw('\n');
        }
    }

    /** Jackson closes its target; AtomicFile must close (and fsync) it itself. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
