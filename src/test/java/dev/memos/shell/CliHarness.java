package dev.memos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real CLI in this JVM (one-shot or pipe mode) against a temporary home. */
final class CliHarness {
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }

        JsonNode result() {
            return json().get("result");
        }
    }

    final Map<String, String> env = new HashMap<>();

    CliHarness(Path home) {
        env.put("MEMOS_HOME", home.toString());
    }

    /** A home with this ETH key whose local profile talks to the devnet under test ({@code MEMOS_DEVNET_URL}). */
    static CliHarness onDevnet(Path home, String ethKey) {
        CliHarness cli = new CliHarness(home).with("ETH_PRIVATE_KEY", ethKey);
        String url = dev.memos.arweave.Devnet.url().toString();
        if (!url.equals("http://127.0.0.1:1984") && cli.run("config", "set", "local.node", url).exit() != 0) {
            throw new AssertionError("cannot point the home at " + url);
        }
        return cli;
    }

    CliHarness with(String key, String value) {
        env.put(key, value);
        return this;
    }

    CliHarness without(String key) {
        env.remove(key);
        return this;
    }

    Run exec(String stdin, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run run(String... argv) {
        return exec("", argv);
    }

    Run pipe(String... lines) {
        return exec(String.join("\n", lines) + "\n");
    }

    String generate(String name, String... extra) {
        String[] argv = new String[5 + extra.length];
        argv[0] = "--json";
        argv[1] = "id";
        argv[2] = "generate";
        argv[3] = "--name";
        argv[4] = name;
        System.arraycopy(extra, 0, argv, 5, extra.length);
        Run r = run(argv);
        if (r.exit() != 0) {
            throw new AssertionError("generate failed: " + r.err());
        }
        return r.result().get("id").asText();
    }
}
