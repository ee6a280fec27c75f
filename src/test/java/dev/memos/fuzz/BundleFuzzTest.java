package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.backup.BundleHeader;
import dev.memos.backup.BundleVerifier;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.backup.Manifest;
import dev.memos.backup.SealedManifest;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bundle comes from Arweave or a file the user was handed: header, chunk stream, trailer and
 * manifest JSON are outside input. Seeds: the bundle and manifest vectors (src/test/resources/vectors/bundle).
 */
class BundleFuzzTest {
    /** The key of the bundle vectors (vectors/bundle/keys.json). */
    static final EthPrivateKey KEY = EthPrivateKey.parse("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    static final BundleVerifier VERIFIER = BundleVerifier.builder().key(KEY).build();

    @FuzzTest(maxDuration = "30s")
    void bundle_header_parses_or_fails_cleanly(FuzzedDataProvider data) {
        long size = data.consumeLong();
        byte[] header = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> BundleHeader.parse(header).layout(size));
    }

    @FuzzTest(maxDuration = "30s")
    void bundle_file_verifies_or_fails_cleanly(byte[] bundle) throws Exception {
        Path dir = Fuzz.tempDir("fuzz-bundle");
        try {
            Path f = dir.resolve("b.memos");
            Files.write(f, bundle);
            Fuzz.cleanly(() -> VERIFIER.verify(f));
        } finally {
            Fuzz.deleteTree(dir);
        }
    }

    static JsonNode parseOrNull(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    @FuzzTest(maxDuration = "30s")
    void manifest_json_parses_or_fails_cleanly(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 2);
        byte[] json = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> {
            switch (which) {
                case 0 -> SealedManifest.parse(json);
                case 1 -> ManifestEnvelope.parse(json);
                default -> {
                    // production parses JSON before Manifest.fromJson sees it (SealedManifest.parse); so does this
                    JsonNode n = parseOrNull(json);
                    if (n != null) {
                        Manifest.fromJson(n);
                    }
                }
            }
        });
    }
}
