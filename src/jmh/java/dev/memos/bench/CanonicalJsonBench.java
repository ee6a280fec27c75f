package dev.memos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Canonical JSON vs Jackson's own compact writer on the same manifest-like document. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CanonicalJsonBench {
    JsonNode doc;

    @Setup
    public void setup() throws Exception {
        StringBuilder b = new StringBuilder("{\"files\":[");
        for (int i = 0; i < 200; i++) {
            b.append(i == 0 ? "" : ",").append("{\"path\":\"notes/day-").append(i).append(".md\",\"size\":")
                    .append(i * 37).append(",\"sha256\":\"").append("ab".repeat(32)).append("\"}");
        }
        doc = Json.mapper().readTree(b.append("],\"sequence\":7}").toString());
    }

    @Benchmark
    public byte[] canonical() {
        return CanonicalJson.bytes(doc);
    }

    @Benchmark
    public byte[] jacksonPeer() throws Exception {
        return Json.mapper().writeValueAsBytes(doc);
    }
}
