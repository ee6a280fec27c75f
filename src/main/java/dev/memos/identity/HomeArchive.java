package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.AesGcm;
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
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The identity archive a snapshot carries (docs/FORMAT.md §14.10): the home's device key and the files
 * of every identity store, sealed with AES-256-GCM under a key derived from the Ethereum key. The
 * device key travels because every local store (identity files, rings, audit chain MACs, tier-1 key
 * wraps, token keys) is bound to it; carrying it is what lets a fresh home open them all unchanged.
 * Tier-2 keys stay under their passphrase inside; tier 3 carries only the token reference.
 * Decoding is strict: exact lengths, sorted unique safe paths, canonical metadata.
 */
public record HomeArchive(ObjectNode meta, Map<String, byte[]> files) {
    public static final byte[] MAGIC = "MEMOSIDA".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final String FORMAT = "memos-identity-archive";
    /** magic, version, 3 reserved zero bytes, nonce. */
    public static final int HEADER = MAGIC.length + 4 + AesGcm.NONCE;
    public static final int MAX_SIZE = 256 * 1024 * 1024;
    static final int MAX_FILES = 200_000;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9._-]{0,127}");

    public HomeArchive {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
        meta = meta.deepCopy();
    }

    /** Sealed bytes with a fresh nonce. */
    public byte[] seal(SecretBytes key, SecureRandom random) {
        byte[] nonce = new byte[AesGcm.NONCE];
        random.nextBytes(nonce);
        return seal(key, nonce);
    }

    /** Deterministic form, for the frozen vector. */
    public byte[] seal(SecretBytes key, byte[] nonce) {
        byte[] header = header(nonce);
        byte[] plain = encode();
        try {
            byte[] ct = AesGcm.seal(key, nonce, header, plain);
            byte[] out = Arrays.copyOf(header, header.length + ct.length);
            System.arraycopy(ct, 0, out, header.length, ct.length);
            return out;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] header(byte[] nonce) {
        return ByteBuffer.allocate(HEADER).put(MAGIC).put((byte) VERSION).put(new byte[3]).put(nonce).array();
    }

    /** Opens sealed bytes: INTEGRITY (exit 4) for anything but an intact archive made under this key. */
    public static HomeArchive open(byte[] sealed, SecretBytes key) {
        if (sealed.length < HEADER + AesGcm.TAG || sealed.length > MAX_SIZE) {
            throw MemosException.integrity("the identity archive is truncated or too large (" + sealed.length + " bytes)");
        }
        if (!Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
            throw MemosException.integrity("the identity archive has a bad magic: not a memos identity archive");
        }
        int version = sealed[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            throw MemosException.integrity("identity archive version " + version + " is not supported (this memos reads "
                    + VERSION + "): update memos, or the archive is damaged");
        }
        for (int i = 1; i <= 3; i++) {
            if (sealed[MAGIC.length + i] != 0) {
                throw MemosException.integrity("the identity archive's reserved header bytes are not zero: damaged");
            }
        }
        byte[] header = Arrays.copyOf(sealed, HEADER);
        byte[] nonce = Arrays.copyOfRange(sealed, MAGIC.length + 4, HEADER);
        byte[] plain = AesGcm.open(key, nonce, header, Arrays.copyOfRange(sealed, HEADER, sealed.length)).orElseThrow(() ->
                MemosException.integrity("the identity archive does not authenticate (altered, damaged, or sealed under another Ethereum key): nothing was restored"));
        try {
            return decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** {@code u32 len ‖ meta ‖ u32 n ‖ n × (u16 len ‖ path ‖ u32 size ‖ content)}; holds secrets, the caller wipes it. */
    public byte[] encode() {
        byte[] m = CanonicalJson.bytes(meta);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(m.length);
            out.write(m);
            files.keySet().forEach(HomeArchive::checkPath);
            ExportPayload.writeFiles(out, files);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses a decrypted archive (strict); public for the fuzz target. */
    public static HomeArchive decode(byte[] plain) {
        ByteBuffer b = ByteBuffer.wrap(plain);
        try {
            byte[] m = take(b, b.getInt());
            JsonNode meta = Json.mapper().readTree(m);
            if (!(meta instanceof ObjectNode om) || !Arrays.equals(m, CanonicalJson.bytes(om))) {
                throw bad("its metadata is not canonical JSON");
            }
            if (!FORMAT.equals(om.path("format").textValue()) || om.path("version").asInt(-1) != VERSION
                    || !om.path("identities").isArray()) {
                throw bad("its metadata is not " + FORMAT + " version " + VERSION);
            }
            int count = b.getInt();
            if (count < 0 || count > MAX_FILES) {
                throw bad("it lists an impossible number of files");
            }
            Map<String, byte[]> files = new TreeMap<>();
            String last = null;
            for (int i = 0; i < count; i++) {
                String path = new String(take(b, b.getShort() & 0xFFFF), StandardCharsets.UTF_8);
                checkPath(path);
                if (last != null && last.compareTo(path) >= 0) {
                    throw bad("its files are not sorted or repeat (" + safe(path) + ")");
                }
                last = path;
                files.put(path, take(b, b.getInt()));
            }
            if (b.hasRemaining()) {
                throw bad("it has trailing bytes after its last file");
            }
            return new HomeArchive(om, files);
        } catch (BufferUnderflowException | IOException | IllegalArgumentException | ArithmeticException e) {
            throw bad("it is cut short or malformed");
        }
    }

    /** The text of one archived file, or null. */
    public byte[] file(String path) {
        return files.get(path);
    }

    private static MemosException bad(String why) {
        return MemosException.integrity("the identity archive is malformed: " + why);
    }

    private static byte[] take(ByteBuffer b, int n) {
        return ExportPayload.take(b, n);
    }

    /** A relative path of plain segments under the home: no '..', no '.', no empty segment, at most 16 deep. */
    public static void checkPath(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length > 16) {
            throw bad("path too deep: " + safe(path));
        }
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches() || p.equals("..") || p.equals(".") || p.contains(".tmp-")) {
                throw bad("unsafe path '" + safe(path) + "'");
            }
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    @Override
    public String toString() {
        return "HomeArchive[" + files.size() + " files, redacted]";
    }
}
