package dev.memos.shell.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The output schema of a tool: the {@code result} part of the command's published JSON Schema
 * ({@code schemas/<command-with-dashes>.schema.json} on the classpath, see docs/JSON.md), since a
 * tool's structuredContent is the envelope's {@code result}; else "an object" (the result wrapped
 * when it is not one).
 */
final class OutputSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputSchemas() {
    }

    static String resource(String command) {
        return "/schemas/" + command.replace(' ', '-') + ".schema.json";
    }

    static Map<String, Object> of(String command) {
        try (InputStream in = OutputSchemas.class.getResourceAsStream(resource(command))) {
            if (in == null) {
                return Map.of("type", "object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = MAPPER.readValue(in, Map.class);
            Object props = schema.get("properties");
            Object result = props instanceof Map<?, ?> m ? m.get("result") : null;
            if (result instanceof Map<?, ?> r && "object".equals(r.get("type"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) r;
                return typed;
            }
            return Map.of("type", "object");
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable output schema " + resource(command), e);
        }
    }
}
