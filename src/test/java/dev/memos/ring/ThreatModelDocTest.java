package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Protection 12 (trust model): every test docs/THREAT-MODEL.md names must exist. */
class ThreatModelDocTest {
    @Test
    void every_test_named_in_the_threat_model_exists() throws Exception {
        String doc = Files.readString(Path.of("docs/THREAT-MODEL.md"));
        Matcher m = Pattern.compile("`(\\w+)#(\\w+)`").matcher(doc);
        List<String> missing = new ArrayList<>();
        int found = 0;
        while (m.find()) {
            found++;
            Class<?> c = find(m.group(1));
            String name = m.group(2);
            if (c == null || Arrays.stream(c.getDeclaredMethods()).map(Method::getName).noneMatch(name::equals)) {
                missing.add(m.group());
            }
        }
        assertTrue(found >= 25, "the threat model names only " + found + " tests");
        assertTrue(missing.isEmpty(), "named in THREAT-MODEL.md but missing: " + missing);
    }

    /** Tests of the rows live with the component they attack; every package of the product is searched. */
    private static Class<?> find(String simpleName) {
        for (String pkg : new String[] {"dev.memos.ring.", "dev.memos.identity.", "dev.memos.shell.", "dev.memos.audit.",
                "dev.memos.token.", "dev.memos.shell.cmd.", "dev.memos.store.", "dev.memos.backup.", "dev.memos.it.",
                "dev.memos.snapshot.", "dev.memos.crypto.", "dev.memos.arweave.", "dev.memos.config.", "dev.memos.app.backup."}) {
            try {
                return Class.forName(pkg + simpleName);
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        return null;
    }
}
