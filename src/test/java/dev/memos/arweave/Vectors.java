package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Loads the frozen vectors under src/test/resources/vectors/arweave (see README.md there). */
public final class Vectors {
    private Vectors() {
    }

    static JsonNode json(String name) {
        try (InputStream in = stream(name)) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode reference() {
        return json("reference-vectors.json");
    }

    static byte[] gz(String name) {
        try (InputStream in = new GZIPInputStream(stream(name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = Vectors.class.getResourceAsStream("/vectors/arweave/" + name);
        if (in == null) {
            throw new IllegalStateException("missing vector " + name);
        }
        return in;
    }

    /** det(n, seed) of scripts/vectors/arweave-reference.js: SHA-256(seed ":" i) for i = 0, 1, ... */
    public static byte[] det(int n, String seed) {
        byte[] out = new byte[n];
        int off = 0;
        for (int i = 0; off < n; i++) {
            byte[] h = Hash.sha256((seed + ":" + i).getBytes(StandardCharsets.UTF_8));
            System.arraycopy(h, 0, out, off, Math.min(h.length, n - off));
            off += h.length;
        }
        return out;
    }
}
