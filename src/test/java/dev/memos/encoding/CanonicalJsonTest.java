package dev.memos.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static JsonNode parse(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    @Test
    void sorts_keys_by_utf16_code_units_and_drops_whitespace() throws Exception {
        // RFC 8785 §3.2.3 ordering example subset: "\u20ac" (euro) sorts after "\r" and digits.
        assertEquals("{\"\\r\":3,\"1\":2,\"a\":{\"b\":[1,true,null]},\"\u20ac\":1}",
                CanonicalJson.string(parse("{ \"\u20ac\": 1, \"1\": 2, \"\\r\": 3, \"a\": {\"b\": [1, true, null]} }")));
    }

    @Test
    void escapes_control_characters_in_lower_case_hex() throws Exception {
        assertEquals("[\"\\u001f\\n\\\"\\\\/\"]", CanonicalJson.string(parse("[\"\\u001F\\n\\\"\\\\/\"]")));
    }

    @Test
    void rejects_floating_point_numbers() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string(parse("{\"a\":1.5}")));
    }

    @Test
    void rejects_duplicate_keys_on_parse() {
        // Jackson's duplicate-key refusal, naming the key: not any parse failure (a typo in the text would pass too)
        com.fasterxml.jackson.databind.exc.MismatchedInputException e = assertThrows(
                com.fasterxml.jackson.databind.exc.MismatchedInputException.class, () -> parse("{\"a\":1,\"a\":2}"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getOriginalMessage().contains("Duplicate field 'a'"), e.getOriginalMessage());
    }

    @Test
    void raw_text_is_spliced_verbatim_at_its_key_position() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) parse("{\"z\":1,\"a\":2}");
        n.set("m", CanonicalJson.raw("[{\"k\":1},2]"));
        assertEquals("{\"a\":2,\"m\":[{\"k\":1},2],\"z\":1}", CanonicalJson.string(n));
        // The same document built as a tree gives the same bytes: splicing changes memory use, not output.
        assertEquals(CanonicalJson.string(parse("{\"z\":1,\"a\":2,\"m\":[{\"k\":1},2]}")), CanonicalJson.string(n));
    }

    @Test
    void rejects_any_other_embedded_object() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) parse("{}");
        n.putPOJO("x", new StringBuilder("{}"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string(n));
    }

    @Test
    void escapes_only_c0_controls_and_writes_del_and_c1_raw() {
        // FORMAT.md §1: U+0000..U+001F escaped (lower-case hex), U+007F and U+0080..U+009F as UTF-8, '/' unescaped
        assertEquals("\"\\u0001\\u001f\u007f\u0080\u009f/\"",
                CanonicalJson.string(com.fasterxml.jackson.databind.node.TextNode.valueOf("\u0001\u001f\u007f\u0080\u009f/")));
    }
}
