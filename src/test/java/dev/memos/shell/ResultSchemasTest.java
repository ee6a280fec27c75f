package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema inference that writes the shipped schemas, on the cases that once shipped wrong schemas. */
class ResultSchemasTest {

    private static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    @Test
    void a_key_seen_only_as_null_admits_any_type_instead_of_only_null() throws Exception {
        // id status shipped "chain": {"type": "null"}, so an MCP client rejected the status of any identity
        // with memories (its chain is an object).
        ObjectNode s = ResultSchemas.infer(List.of(json("{\"chain\":null}")));
        assertFalse(s.path("properties").path("chain").has("type"));
    }

    @Test
    void a_key_seen_as_null_and_as_object_admits_both() throws Exception {
        ObjectNode s = ResultSchemas.infer(List.of(json("{\"chain\":null}"), json("{\"chain\":{\"step\":1}}")));
        assertEquals("[\"null\",\"object\"]", s.path("properties").path("chain").path("type").toString());
    }
}
