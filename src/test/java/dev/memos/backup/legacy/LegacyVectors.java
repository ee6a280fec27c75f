package dev.memos.backup.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The frozen original-format vectors under vectors/legacy (written by gen_legacy.py there). */
final class LegacyVectors {
    static final String DIR = "/vectors/legacy/";

    private LegacyVectors() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = LegacyVectors.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode expected() {
        try {
            return Json.mapper().readTree(bytes("expected.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EthPrivateKey key() {
        return EthPrivateKey.parse(expected().get("key").asText());
    }

    static LegacyManifest manifest(String file) {
        return LegacyManifest.parse(bytes(file));
    }
}
