package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20 §6: one strict id parser everywhere, and one-line errors that name the file or field, not parser internals. */
class StrictIdsAndOneLineErrorsTest {
    @TempDir
    Path home;

    private static void assertOneCleanLine(CliHarness.Run r) {
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        for (String leak : new String[] {"REDACTED", "StreamReadFeature", "Input byte[]", "Illegal base64", "Exception", "Source:"}) {
            assertFalse(err.contains(leak), "leaks '" + leak + "': " + err);
        }
    }

    @Test
    void id_status_refuses_a_padded_id_exactly_as_id_validate_does() {
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("NOVA");
        for (String padded : new String[] {" " + id, id + " ", "\t" + id}) {
            CliHarness.Run status = cli.run("id", "status", padded);
            CliHarness.Run validate = cli.run("id", "validate", padded);
            assertEquals(2, status.exit(), "id status must not trim '" + padded + "': " + status.out());
            assertEquals(2, validate.exit());
            assertTrue(status.err().contains("whitespace") && validate.err().contains("whitespace"), status.err() + validate.err());
            assertOneCleanLine(status);
        }
        assertEquals(0, cli.run("id", "status", id).exit());
        assertEquals(2, cli.run("unlock", " " + id).exit(), "unlock parses ids the same way");
    }

    @Test
    void a_damaged_pins_file_is_one_line_naming_the_file_and_the_problem() throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.generate("NOVA");
        assertEquals(0, cli.run("token", "keygen", "skill:weather").exit());
        String token = cli.run("token", "issue", "--skill", "skill:weather").out().strip();
        Files.createDirectories(home.resolve("tokens"));
        Files.writeString(home.resolve("tokens/pins.json"), "{\"pins\":{");
        CliHarness.Run r = cli.run("token", "verify", token, "--skill", "skill:weather");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("pins.json") && r.err().contains("not valid JSON"), r.err());
        assertOneCleanLine(r);
    }

    @Test
    void a_pin_with_a_bad_key_names_the_issuer_it_belongs_to() throws Exception {
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("NOVA");
        assertEquals(0, cli.run("token", "keygen", "skill:weather").exit());
        String token = cli.run("token", "issue", "--skill", "skill:weather").out().strip();
        Files.createDirectories(home.resolve("tokens"));
        Files.writeString(home.resolve("tokens/pins.json"),
                "{\"pins\":{\"skill:weather\":{\"" + id + "\":{\"identityKey\":null,\"tokenKey\":\"@\"}}},\"v\":1}");
        CliHarness.Run r = cli.run("token", "verify", token, "--skill", "skill:weather");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains(id) && r.err().contains("base64url"), r.err());
        assertOneCleanLine(r);
    }

    @Test
    void a_token_that_is_not_base64url_names_the_part_that_is_wrong() {
        CliHarness cli = new CliHarness(home);
        CliHarness.Run r = cli.run("token", "verify", "cit1.x.y", "--skill", "skill:weather");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("malformed") && r.err().contains("payload"), r.err());
        assertOneCleanLine(r);
        CliHarness.Run sig = cli.run("token", "verify", "cit1.eyJ9.%%", "--skill", "skill:weather");
        assertOneCleanLine(sig);
    }

    @Test
    void a_damaged_identity_file_is_recovered_with_a_clean_reason() throws Exception {
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("NOVA");
        Files.writeString(home.resolve("identities").resolve(id).resolve("identity.json"), "{\"format\":");
        CliHarness.Run r = cli.run("id", "status", id);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("identity.json"), r.err());
        for (String leak : new String[] {"REDACTED", "StreamReadFeature", "Source:"}) {
            assertFalse(r.err().contains(leak), r.err());
        }
    }
}
