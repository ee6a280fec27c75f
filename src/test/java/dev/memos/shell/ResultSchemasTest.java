package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.memos.encoding.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema generator admits what the commands really print, and still rejects what they never do. */
class ResultSchemasTest {
    private static List<com.networknt.schema.Error> validate(JsonNode schema, String json) throws Exception {
        Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema.toString());
        return s.validate(Json.mapper().readTree(json));
    }

    @Test
    void a_key_only_ever_null_admits_the_object_it_holds_once_set() throws Exception {
        JsonNode schema = ResultSchemas.infer(List.of(Json.mapper().readTree("{\"chain\":null,\"tier\":1}")));
        assertEquals(List.of(), validate(schema, "{\"chain\":{\"head\":\"ab\",\"length\":3},\"tier\":1}"));
        assertEquals(List.of(), validate(schema, "{\"chain\":null,\"tier\":2}"));
    }

    @Test
    void an_observed_type_still_rejects_another_and_unknown_keys_stay_refused() throws Exception {
        JsonNode schema = ResultSchemas.infer(List.of(Json.mapper().readTree("{\"chain\":null,\"tier\":1}")));
        assertFalse(validate(schema, "{\"chain\":null,\"tier\":\"one\"}").isEmpty(), "a string tier passed");
        assertFalse(validate(schema, "{\"chain\":null,\"tier\":1,\"extra\":true}").isEmpty(), "an unlisted key passed");
        assertFalse(validate(schema, "{\"tier\":1}").isEmpty(), "a missing required key passed");
    }
}
