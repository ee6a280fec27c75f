package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.memos.app.backup.BackupTags;
import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.Tag;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data item's owner field already names the key (README, THREAT-MODEL.md); the tags must not add
 * a second, easier link: no address in any spelling and no public key.
 */
class BackupTagsPrivacyTest {
    private static final String KEY_HEX = "61".repeat(32);

    @TempDir
    Path dir;

    @Test
    void tags_carry_neither_the_address_nor_the_public_key() throws Exception {
        CliHarness cli = new CliHarness(dir.resolve("home")).with("ETH_PRIVATE_KEY", "0x" + KEY_HEX);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("notes.md"), "remember this");
        Path bundle = dir.resolve("m.bundle");
        Path manifest = dir.resolve("m.manifest.json");
        CliHarness.Run packed = cli.run("pack", "--input", tree.toString(), "--out", bundle.toString(), "--manifest", manifest.toString());
        assertEquals(0, packed.exit(), packed.err());
        List<Tag> tags = BackupTags.of(ManifestEnvelope.read(manifest), 1_767_225_600L);

        EthPrivateKey key = EthPrivateKey.parse(KEY_HEX);
        byte[] pub = key.publicKey();
        List<String> forbidden = new ArrayList<>(List.of(
                key.address().checksummed(), key.address().lowercase(), key.address().lowercase().substring(2),
                Hex.encode(pub), Hex.encode(pub).substring(2), Base64Url.encode(pub),
                JwkWallet.addressOf(pub), "notes.md"));
        for (Tag t : tags) {
            String text = (t.name() + "=" + t.value()).toLowerCase(Locale.ROOT);
            for (String f : forbidden) {
                assertFalse(text.contains(f.toLowerCase(Locale.ROOT)), t.name() + " carries " + f);
            }
        }
        assertEquals(List.of("App-Name", "App-Version", "Content-Type", "Unix-Time", "Manifest-SHA256", "Bundle-SHA256"),
                tags.stream().map(Tag::name).toList());
    }
}
