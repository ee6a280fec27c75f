package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.Devnet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** $ARWEAVE_JWK_PATH is the documented default of --wallet: with it set, uploads are paid by that wallet. */
@org.junit.jupiter.api.Tag("arlocal")
class WalletEnvUploadTest {
    @TempDir
    Path dir;

    private CliHarness cli() {
        CliHarness cli = new CliHarness(dir.resolve("home")).with("ETH_PRIVATE_KEY", "0x" + "61".repeat(32));
        if (!Devnet.url().toString().equals("http://127.0.0.1:1984")) {
            assertEquals(0, cli.run("config", "set", "local.node", Devnet.url().toString()).exit());
        }
        return cli;
    }

    private String[] packed(CliHarness cli) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.md"), "alpha");
        String bundle = dir.resolve("m.bundle").toString();
        String manifest = dir.resolve("m.manifest.json").toString();
        assertEquals(0, cli.run("pack", "--input", tree.toString(), "--out", bundle, "--manifest", manifest).exit());
        return new String[] {"upload", "--bundle", bundle, "--manifest", manifest, "--dry-run"};
    }

    @Test
    void upload_uses_the_wallet_named_by_arweave_jwk_path_without_the_option() throws Exception {
        CliHarness cli = cli();
        Path wallet = dir.resolve("w.json");
        CliHarness.Run gen = cli.run("--json", "wallet", "generate", "--out", wallet.toString());
        assertEquals(0, gen.exit(), gen.err());
        String address = cli.run("wallet", "address", "--wallet", wallet.toString()).out().strip();
        String[] upload = packed(cli);
        CliHarness.Run viaDevnet = cli.run(upload);
        assertEquals(0, viaDevnet.exit(), viaDevnet.err());
        assertFalse(viaDevnet.out().contains(address), viaDevnet.out());
        CliHarness.Run viaEnv = cli.with("ARWEAVE_JWK_PATH", wallet.toString()).run(upload);
        assertEquals(0, viaEnv.exit(), viaEnv.err());
        assertTrue(viaEnv.out().contains("wallet " + address), viaEnv.out());
    }

    @Test
    void a_missing_wallet_in_arweave_jwk_path_is_refused_not_ignored() throws Exception {
        CliHarness cli = cli();
        String[] upload = packed(cli);
        CliHarness.Run r = cli.with("ARWEAVE_JWK_PATH", dir.resolve("absent.json").toString()).run(upload);
        assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("absent.json") && r.err().contains("does not exist"), r.err());
    }

    @Test
    void an_explicit_turbo_or_x402_flag_wins_over_the_environment_wallet() throws Exception {
        CliHarness cli = cli();
        String[] upload = packed(cli);
        String[] turbo = java.util.Arrays.copyOf(upload, upload.length + 1);
        turbo[upload.length] = "--turbo";
        CliHarness.Run r = cli.with("ARWEAVE_JWK_PATH", dir.resolve("absent.json").toString()).run(turbo);
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("Turbo and x402 are mainnet services"), r.err());
    }
}
