package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every examples/*.memos script runs green from a fresh home, so the examples never rot. */
class ExamplesIT {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> every_example_script_runs() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(MemosProcess.ROOT.resolve("examples"))) {
            scripts = s.filter(p -> p.toString().endsWith(".memos")).sorted().toList();
        }
        assertFalse(scripts.isEmpty());
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            MemosProcess m = new MemosProcess(tmp.resolve(script.getFileName() + "-home"))
                    .env("ETH_PRIVATE_KEY", ShellModesIT.KEY)
                    .env("MEMOS_PASSPHRASE", "example passphrase")
                    .env("MEMOS_EXPORT_PASSPHRASE", "example export passphrase");
            MemosProcess.Result r = m.run("run", script.toString());
            assertEquals(0, r.exit(), script + " failed: " + r.err());
        }));
    }
}
