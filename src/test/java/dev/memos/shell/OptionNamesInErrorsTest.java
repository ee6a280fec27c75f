package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error (and warning) that names an option names one the command has: what a user reads is
 * what they can type. A hint that quotes another command ('memos download --status-only …') is
 * checked against that command.
 */
class OptionNamesInErrorsTest {
    private static final Set<String> GLOBALS = Set.of("json", "profile", "debug", "quiet", "no-color");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9-]*)");
    /** A hint that names another command: quoted ('download --status-only …') or after "memos " up to a bracket or quote. */
    private static final Pattern QUOTED = Pattern.compile(
            "'(?:memos )?([a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?[^']*'|memos ([a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?[^)'\"]*");
    /** Top-level flags Main answers before any command. */
    private static final Set<String> TOP_LEVEL = Set.of("version", "help");
    /** Named by the exit-code table for wave 2 (code 9) before the option itself lands; see ExitCodes. */
    private static final Set<String> RESERVED = Set.of("trust-on-first-use");
    private static final CommandCatalog CATALOG = CommandCatalog.standard();

    @TempDir
    Path tmp;

    /** Options named in {@code text} that {@code spec} (or the command a quoted hint names) does not have. */
    static List<String> wrongOptions(String text, CommandSpec spec) {
        List<int[]> ranges = new ArrayList<>();
        List<CommandSpec> quotedSpecs = new ArrayList<>();
        Matcher q = QUOTED.matcher(text);
        while (q.find()) {
            Optional<CommandSpec> other = q.group(1) != null ? commandNamed(q.group(1), q.group(2)) : commandNamed(q.group(3), q.group(4));
            if (other.isPresent()) {
                ranges.add(new int[] {q.start(), q.end()});
                quotedSpecs.add(other.get());
            }
        }
        List<String> wrong = new ArrayList<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            CommandSpec owner = spec;
            for (int i = 0; i < ranges.size(); i++) {
                if (m.start() >= ranges.get(i)[0] && m.start() < ranges.get(i)[1]) {
                    owner = quotedSpecs.get(i);
                }
            }
            if (!has(owner, m.group(1))) {
                wrong.add("--" + m.group(1) + " (not an option of '" + owner.name() + "')");
            }
        }
        return wrong;
    }

    private static Optional<CommandSpec> commandNamed(String first, String second) {
        if (second != null && CATALOG.byName(first + " " + second).isPresent()) {
            return CATALOG.byName(first + " " + second).map(Command::spec);
        }
        return CATALOG.byName(first).map(Command::spec);
    }

    private static boolean has(CommandSpec spec, String option) {
        return GLOBALS.contains(option) || spec.named().stream().anyMatch(o -> o.name().equals(option));
    }

    // ---- x402 authorize: the two reported messages ----

    private CliHarness withKey() {
        return new CliHarness(tmp.resolve("home")).with("ETH_PRIVATE_KEY", "0x" + "61".repeat(32));
    }

    private Path requirements(String network, String asset, String amount) throws IOException {
        Path f = tmp.resolve("402-" + network + "-" + amount + ".json");
        Files.writeString(f, """
                {"x402Version":1,"error":"X-PAYMENT header is required","accepts":[{"scheme":"exact","network":"%s",\
                "maxAmountRequired":"%s","resource":"https://example.test/pay","description":"upload",\
                "mimeType":"application/json","payTo":"0x209693Bc6afc0C5328bA36FaF03C514EF312287C","maxTimeoutSeconds":300,\
                "asset":"%s","extra":{"name":"USDC","version":"2"}}]}""".formatted(network, amount, asset));
        return f;
    }

    @Test
    void x402_authorize_wrong_network_names_its_own_network_option() throws IOException {
        Path req = requirements("base-sepolia", "0x036CbD53842c5426634e7929541eC2318f3dCF7e", "1000");
        CliHarness.Run r = withKey().run("x402", "authorize", "--requirements", req.toString(), "--network", "base");
        assertEquals(ExitCodes.PAYMENT, r.exit(), r.err());
        assertTrue(r.err().contains("--network") && !r.err().contains("--x402-network"), r.err());
        assertEquals(List.of(), wrongOptions(r.err(), spec("x402 authorize")));
    }

    @Test
    void x402_authorize_over_the_cap_names_its_own_cap_option() throws IOException {
        Path req = requirements("base", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "5000000");
        CliHarness.Run r = withKey().run("x402", "authorize", "--requirements", req.toString(), "--max-usdc", "0.10");
        assertEquals(ExitCodes.PAYMENT, r.exit(), r.err());
        assertTrue(r.err().contains("raise --max-usdc"), r.err());
        assertEquals(List.of(), wrongOptions(r.err(), spec("x402 authorize")));
    }

    private static CommandSpec spec(String name) {
        return CATALOG.byName(name).orElseThrow().spec();
    }

    // ---- every command, run with bad values ----

    @Test
    void every_command_run_with_bad_values_names_only_its_own_options() throws IOException {
        HttpServer node = emptyNode();
        try {
            CliHarness cli = new CliHarness(tmp.resolve("sweep")).with("ETH_PRIVATE_KEY", "0x" + "61".repeat(32));
            assertEquals(0, cli.run("config", "set", "local.node", "http://127.0.0.1:" + node.getAddress().getPort()).exit());
            assertEquals(0, cli.run("config", "set", "upload.readback-timeout-seconds", "0").exit());
            cli.generate("NOVA");
            List<String> problems = new ArrayList<>();
            int runs = 0;
            for (Command c : CATALOG.commands()) {
                for (List<String> argv : invocations(c.spec())) {
                    long t0 = System.nanoTime();
                    CliHarness.Run r = cli.run(argv.toArray(String[]::new));
                    runs++;
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (ms > 500) {
                        System.out.println("slow (" + ms + " ms): " + String.join(" ", argv));
                    }
                    for (String w : wrongOptions(r.err(), c.spec())) {
                        problems.add(String.join(" ", argv) + " → " + w + ": " + r.err().strip());
                    }
                }
            }
            assertTrue(runs > 200, "the sweep ran " + runs + " command lines");
            for (String stray : List.of("garbage", "-1", "0", "value")) {
                assertTrue(Files.notExists(Path.of(stray)), "the sweep wrote " + stray + " into the working directory");
            }
            assertEquals(List.of(), problems);
        } finally {
            node.stop(0);
        }
    }

    /** The command with its required parts filled, then each option in turn given a bad value (or set). */
    private List<List<String>> invocations(CommandSpec s) {
        List<String> base = new ArrayList<>(s.words());
        for (OptionSpec o : s.options()) {
            if (o.required() && o.positional()) {
                base.add(fill(o));
            } else if (o.required()) {
                base.add("--" + o.name());
                base.add(fill(o));
            }
        }
        List<List<String>> out = new ArrayList<>();
        out.add(base);
        for (OptionSpec o : s.options()) {
            if (WAITS.contains(o.name())) {
                continue;
            }
            for (String value : List.of("garbage", "-1", "0")) {
                // a path option gets its bad value inside the test folder: nothing may land in the working directory
                boolean path = o.completion() == OptionSpec.Completion.FILE || o.completion() == OptionSpec.Completion.DIRECTORY;
                String bad = path ? tmp.resolve(value).toString() : value;
                List<String> argv = new ArrayList<>(base);
                if (o.positional()) {
                    if (o.required()) {
                        argv.set(argv.indexOf(fill(o)), bad);
                    } else {
                        argv.add(bad);
                    }
                } else if (o.isFlag()) {
                    argv.add("--" + o.name());
                } else if (o.required()) {
                    argv.set(argv.indexOf("--" + o.name()) + 1, bad);
                } else {
                    argv.add("--" + o.name());
                    argv.add(bad);
                }
                if (!out.contains(argv)) {
                    out.add(argv);
                }
            }
        }
        return out;
    }

    /** Options that make a command wait for more input until interrupted. */
    private static final Set<String> WAITS = Set.of("follow");

    private String fill(OptionSpec o) {
        return switch (o.completion()) {
            case FILE -> tmp.resolve("absent.file").toString();
            case DIRECTORY -> tmp.resolve("absent-dir").toString();
            case CHOICES -> o.choices().get(0);
            case IDENTITY -> "CW-NOVA.R7KMX2-AA";
            case TX_ID -> "A".repeat(43);
            case COMMAND -> "backup";
            default -> "value";
        };
    }

    /** A node that knows nothing: GraphQL finds no transaction, every other path is 404. */
    private static HttpServer emptyNode() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean graphql = ex.getRequestURI().getPath().equals("/graphql");
            byte[] b = (graphql ? "{\"data\":{\"transactions\":{\"edges\":[],\"pageInfo\":{\"hasNextPage\":false}}}}" : "Not Found")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(graphql ? 200 : 404, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        s.start();
        return s;
    }

    // ---- the sources: every option named in a string literal exists ----

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void every_option_named_in_a_command_file_is_an_option_of_that_command_or_quotes_another() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Command c : CATALOG.commands()) {
            Path file = Path.of("src/main/java/dev/memos/shell/cmd", c.getClass().getSimpleName() + ".java");
            for (String statement : statements(file)) {
                wrongOptions(statement, c.spec()).forEach(w -> problems.add(file.getFileName() + ": " + w + " in \"" + statement + "\""));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void every_option_named_anywhere_in_the_sources_exists_on_some_command() throws IOException {
        Set<String> known = new TreeSet<>(GLOBALS);
        known.addAll(TOP_LEVEL);
        known.addAll(RESERVED);
        CATALOG.commands().forEach(c -> c.spec().named().forEach(o -> known.add(o.name())));
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/memos"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String statement : statements(f)) {
                    Matcher m = OPTION.matcher(statement);
                    while (m.find()) {
                        if (!known.contains(m.group(1))) {
                            problems.add(f.getFileName() + ": --" + m.group(1));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void the_checker_catches_the_reported_wrong_names() {
        CommandSpec x402 = spec("x402 authorize");
        assertEquals(1, wrongOptions("on base, but base-sepolia was chosen (--x402-network)", x402).size());
        assertEquals(1, wrongOptions("above the cap (raise --x402-max-usdc if that is intended)", x402).size());
        assertEquals(List.of(), wrongOptions("check with 'memos download --status-only --tx-id X'", x402));
        assertEquals(1, wrongOptions("check with 'memos download --statusonly'", x402).size());
    }

    /** The string literals of each statement, joined, so a message built from pieces is read whole. */
    private static List<String> statements(Path file) throws IOException {
        String code = Files.readString(file, StandardCharsets.UTF_8)
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        List<String> out = new ArrayList<>();
        for (String statement : code.split(";")) {
            StringBuilder joined = new StringBuilder();
            Matcher m = LITERAL.matcher(statement);
            while (m.find()) {
                joined.append(m.group(1)).append(' ');
            }
            if (joined.indexOf("--") >= 0) {
                out.add(joined.toString());
            }
        }
        return out;
    }

}
