package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdValidationTest {

    private static JsonNode vectors() throws Exception {
        try (InputStream in = IdValidationTest.class.getResourceAsStream("/vectors/identity/ids.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void reproduces_valid_id_vectors() throws Exception {
        for (JsonNode v : vectors().get("valid")) {
            MociId id = MociId.of(v.get("name").asText(), v.get("suffix").asText());
            assertEquals(v.get("id").asText(), id.toString());
            assertEquals(v.get("crc").asText(), id.checksum());
            assertTrue(IdValidation.check(v.get("id").asText()).valid());
        }
    }

    @Test
    void rejects_invalid_vectors_with_the_stated_reason() throws Exception {
        for (JsonNode v : vectors().get("invalid")) {
            IdValidation r = IdValidation.check(v.get("id").asText());
            assertFalse(r.valid(), v.get("id").asText());
            assertEquals(IdValidation.Reason.valueOf(v.get("reason").asText()), r.reason(), v.get("id").asText());
        }
    }

    @Test
    void checksum_error_never_reveals_the_right_checksum() {
        MociId id = MociId.of("NOVA", "R7KMX2");
        for (int cc = 0; cc < 256; cc++) {
            String hex = String.format("%02X", cc);
            if (hex.equals(id.checksum())) {
                continue;
            }
            IdValidation r = IdValidation.check("CW-NOVA.R7KMX2-" + hex);
            assertEquals(IdValidation.Reason.CHECKSUM, r.reason());
            assertFalse(r.message().contains(id.checksum()), r.message());
        }
    }

    @Test
    void rejects_look_alike_letters_in_the_suffix() {
        for (char c : new char[] {'I', 'L', 'O', 'U', 'a', '-'}) {
            assertEquals(IdValidation.Reason.SUFFIX_CHARACTER, IdValidation.check("CW-NOVA.R7KMX" + c + "-00").reason());
        }
    }

    @Test
    void rejects_lower_case_name_and_unicode_look_alikes() {
        assertEquals(IdValidation.Reason.NAME_CHARACTER, IdValidation.check("CW-Nova.R7KMX2-00").reason());
        assertEquals(IdValidation.Reason.NAME_CHARACTER, IdValidation.check("CW-N\u041eVA.R7KMX2-00").reason());
    }

    @Test
    void generated_ids_are_valid_and_use_only_the_alphabet() {
        SecureRandom r = new SecureRandom();
        Random lengths = new Random(1);
        for (int i = 0; i < 5000; i++) {
            String name = "A".repeat(2 + lengths.nextInt(11));
            MociId id = MociId.generate(name.toLowerCase(), r);
            assertTrue(IdValidation.check(id.toString()).valid());
            assertEquals(name, id.name());
            id.suffix().chars().forEach(c -> assertTrue(MociId.SUFFIX_ALPHABET.indexOf(c) >= 0));
        }
    }

    @Test
    void rejects_bad_names_at_generation() {
        assertThrows(IllegalArgumentException.class, () -> MociId.generate("A", new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> MociId.generate("ABCDEFGHIJKLM", new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> MociId.generate("NO VA", new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> MociId.generate("NOVA.X", new SecureRandom()));
    }

    @Test
    void suffix_alphabet_has_32_distinct_symbols_without_look_alikes() {
        assertEquals(32, MociId.SUFFIX_ALPHABET.chars().distinct().count());
        for (char c : "ILOU".toCharArray()) {
            assertEquals(-1, MociId.SUFFIX_ALPHABET.indexOf(c));
        }
    }
}
