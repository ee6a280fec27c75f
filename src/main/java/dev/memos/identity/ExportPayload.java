package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The decrypted content of an export: identity metadata (canonical JSON), the key secret (tier 1:
 * the 32-byte seed; tier 2: empty, the passphrase-wrapped key is in the metadata) and every file of
 * the identity folder by relative path. Decoding is strict: lengths must add up exactly and paths
 * must be plain relative paths inside the folder.
 */
record ExportPayload(ObjectNode meta, SecretBytes secret, Map<String, byte[]> files) {
    static final int MAX_FILES = 100_000;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    /** A buffer whose internal array (which holds the seed) can be wiped after copying out. */
    private static final class WipingBuffer extends ByteArrayOutputStream {
        /** Sized up front so the array never grows (growing would leave copies of the seed behind). */
        WipingBuffer(int size) {
            super(size);
        }

        byte[] takeAndWipe() {
            byte[] out = toByteArray();
            Arrays.fill(buf, (byte) 0);
            return out;
        }
    }

    /** The encoded payload; it contains the tier-1 seed, so the caller wipes it. */
    byte[] encode() {
        byte[] m = CanonicalJson.bytes(meta);
        long size = 4L + m.length + 2 + secret.length() + 4;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            size += 2 + f.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + f.getValue().length;
        }
        if (size > ExportFile.MAX_SIZE) {
            throw MemosException.usage("the identity folder is too large to export (" + size + " bytes)");
        }
        WipingBuffer bytes = new WipingBuffer((int) size);
        byte[] s = secret.reveal();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(m.length);
            out.write(m);
            out.writeShort(s.length);
            out.write(s);
            writeFiles(out, files);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
        return bytes.takeAndWipe();
    }

    /** {@code u32 count ‖ count × (u16 len ‖ utf8 path ‖ u32 size ‖ content)}: the file list of exports and identity archives. */
    static void writeFiles(DataOutputStream out, Map<String, byte[]> files) throws IOException {
        out.writeInt(files.size());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] p = f.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeShort(p.length);
            out.write(p);
            out.writeInt(f.getValue().length);
            out.write(f.getValue());
        }
    }

    /** Writes files (relative paths) under {@code dir}, refusing any path that would land outside it. */
    static void writeInto(java.nio.file.Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            java.nio.file.Path p = dir.resolve(f.getKey()).normalize();
            if (!p.startsWith(dir)) {
                throw MemosException.integrity("path escapes the identity folder: " + f.getKey());
            }
            dev.memos.store.PrivateFiles.ensureDirectory(p.getParent());
            dev.memos.store.AtomicFile.write(p, f.getValue());
        }
    }

    static ExportPayload decode(byte[] plain) {
        ByteBuffer b = ByteBuffer.wrap(plain);
        byte[] secret = null;
        try {
            byte[] m = take(b, b.getInt());
            JsonNode meta = Json.mapper().readTree(m);
            if (!(meta instanceof ObjectNode om)) {
                throw MemosException.integrity("export metadata is not a JSON object");
            }
            secret = take(b, b.getShort() & 0xFFFF);
            int count = b.getInt();
            if (count < 0 || count > MAX_FILES) {
                throw MemosException.integrity("export lists an impossible number of files");
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String path = new String(take(b, b.getShort() & 0xFFFF), StandardCharsets.UTF_8);
                checkPath(path);
                if (files.put(path, take(b, b.getInt())) != null) {
                    throw MemosException.integrity("export lists " + path + " twice");
                }
            }
            if (b.hasRemaining()) {
                throw MemosException.integrity("export has trailing bytes after its last file");
            }
            return new ExportPayload(om, SecretBytes.adopt(secret), files);
        } catch (BufferUnderflowException | IllegalArgumentException | IOException e) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
            throw MemosException.integrity("export content is malformed: " + e.getClass().getSimpleName());
        }
    }

    /** n bytes, or BufferUnderflowException when fewer remain (also for a negative length). */
    static byte[] take(ByteBuffer b, int n) {
        if (n < 0 || n > b.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    /** A relative path of plain segments: no '..', no absolute paths, not the store's own files. */
    static void checkPath(String path) {
        String[] parts = path.split("/", -1);
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches() || p.equals("..") || p.contains(".tmp-")) {
                throw MemosException.integrity("export holds an unsafe path '" + path.replaceAll("[^\\x20-\\x7E]", "?") + "'");
            }
        }
        if (parts.length == 1 && parts[0].startsWith(FileIdentityStore.IDENTITY_FILE)) {
            throw MemosException.integrity("export holds a stray " + path);
        }
        if (parts.length > 16) {
            throw MemosException.integrity("export path too deep: " + path);
        }
    }
}
