package dev.memos.shell.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Sends one message at a time. The SDK's stdio session transport (1.1.x) puts each outgoing message
 * into a Reactor sink with {@code tryEmitNext}, which fails ({@code FAIL_NON_SERIALIZED}) instead of
 * waiting when another thread is emitting at that moment; the SDK then drops the message with
 * "Failed to enqueue message" (modelcontextprotocol/java-sdk#304, #686), and the client waits for
 * ever. Parallel calls, progress notifications from a running call and resource updates all send
 * from different threads, and even sequential calls race under load: the next request's answer can
 * be sent before the previous send has left the sink. Every send of a session goes through one lock
 * here, so the sink never sees two at once.
 */
final class SerializedTransport implements McpServerTransport {
    private final McpServerTransport delegate;
    private final Object sending = new Object();

    SerializedTransport(McpServerTransport delegate) {
        this.delegate = delegate;
    }

    /** {@code provider} with every session's sends serialised. */
    static McpServerTransportProvider wrap(McpServerTransportProvider provider) {
        return new McpServerTransportProvider() {
            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                provider.setSessionFactory(transport -> factory.create(new SerializedTransport(transport)));
            }

            @Override
            public Mono<Void> notifyClients(String method, Object params) {
                return provider.notifyClients(method, params);
            }

            @Override
            public Mono<Void> notifyClient(String sessionId, String method, Object params) {
                return provider.notifyClient(sessionId, method, params);
            }

            @Override
            public void close() {
                provider.close();
            }

            @Override
            public Mono<Void> closeGracefully() {
                return provider.closeGracefully();
            }

            @Override
            public List<String> protocolVersions() {
                return provider.protocolVersions();
            }
        };
    }

    /**
     * The delegate's send runs (is subscribed) inside the lock; the stdio transport's completes at
     * once (it only enqueues), so the lock is held for the enqueue and never across I/O.
     */
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.defer(() -> {
            Throwable[] failed = new Throwable[1];
            synchronized (sending) {
                delegate.sendMessage(message).subscribe(null, e -> failed[0] = e);
            }
            return failed[0] == null ? Mono.<Void>empty() : Mono.<Void>error(failed[0]);
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
