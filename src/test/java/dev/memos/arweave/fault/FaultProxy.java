package dev.memos.arweave.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault-injecting HTTP/1.1 proxy on a raw socket, between our client and a node. Each request
 * whose "METHOD path" matches a rule takes the rule's next fault (or its persistent one): added
 * latency, a TCP reset, a 5xx, a body cut short under a full Content-Length, one flipped byte,
 * or a wholly different body with a correct Content-Length. Everything else passes through.
 */
public final class FaultProxy implements AutoCloseable {
    /** OTHER_ITEM: a gateway that answers with another item's (valid, signed) bytes; see {@link #otherItem}. */
    public enum Fault { NONE, LATENCY, RESET, STATUS_503, TRUNCATE, CORRUPT, WRONG_BYTES, OTHER_ITEM }

    private record Rule(Pattern match, Deque<Fault> queue, Fault persistent) {
    }

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private volatile Duration latency = Duration.ofSeconds(3);
    private volatile String otherItem = "/";
    public final AtomicInteger faultsInjected = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();

    public FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::acceptLoop);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next requests matching {@code regex} (on "METHOD /path") get these faults, once each. */
    public synchronized FaultProxy once(String regex, Fault... faults) {
        Pattern p = Pattern.compile(regex);
        rules.put(regex, new Rule(p, new ArrayDeque<>(java.util.List.of(faults)), Fault.NONE));
        return this;
    }

    /** Every request matching {@code regex} gets {@code fault}. */
    public synchronized FaultProxy always(String regex, Fault fault) {
        Pattern p = Pattern.compile(regex);
        rules.put(regex, new Rule(p, new ArrayDeque<>(), fault));
        return this;
    }

    /** The id whose bytes an OTHER_ITEM fault serves instead of the requested one. */
    public FaultProxy otherItem(String id) {
        this.otherItem = "/" + id;
        return this;
    }

    public FaultProxy latency(Duration d) {
        this.latency = d;
        return this;
    }

    private synchronized Fault next(String line) {
        for (Rule r : rules.values()) {
            if (r.queue().isEmpty() && r.persistent() == Fault.NONE) {
                continue;
            }
            if (r.match().matcher(line).find()) {
                Fault f = r.queue().isEmpty() ? r.persistent() : r.queue().poll();
                if (f != Fault.NONE) {
                    faultsInjected.incrementAndGet();
                }
                return f;
            }
        }
        return Fault.NONE;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            requests.incrementAndGet();
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            String method = first[0];
            String path = first[1];
            long length = 0;
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) {
                    String name = lines[i].substring(0, c).strip();
                    String value = lines[i].substring(c + 1).strip();
                    headers.put(name.toLowerCase(Locale.ROOT), value);
                }
            }
            if (headers.containsKey("content-length")) {
                length = Long.parseLong(headers.get("content-length"));
            }
            byte[] body = in.readNBytes((int) length);
            Fault fault = next(method + " " + path);
            OutputStream out = s.getOutputStream();
            switch (fault) {
                case RESET -> {
                    s.setSoLinger(true, 0);
                    return;
                }
                case STATUS_503 -> {
                    write(out, 503, "text/plain", "Service Unavailable".getBytes(StandardCharsets.US_ASCII), -1);
                    return;
                }
                case LATENCY -> Thread.sleep(latency.toMillis());
                default -> {
                    // forward first, then maybe damage the answer
                }
            }
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstream + (fault == Fault.OTHER_ITEM ? otherItem : path))).timeout(Duration.ofMinutes(2))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (headers.containsKey("content-type")) {
                rb.header("Content-Type", headers.get("content-type"));
            }
            HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = r.body();
            String type = r.headers().firstValue("content-type").orElse("application/octet-stream");
            switch (fault) {
                case TRUNCATE -> write(out, r.statusCode(), type, java.util.Arrays.copyOf(answer, answer.length / 2), answer.length);
                case CORRUPT -> {
                    byte[] bad = answer.clone();
                    if (bad.length > 0) {
                        bad[bad.length / 2] ^= 0x40;
                    }
                    write(out, r.statusCode(), type, bad, -1);
                }
                case WRONG_BYTES -> write(out, r.statusCode(), type,
                        ("these are not the bytes of " + path).getBytes(StandardCharsets.US_ASCII), -1);
                default -> write(out, r.statusCode(), type, answer, -1);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // a broken test connection is what some faults are for
        }
    }

    private static void write(OutputStream out, int status, String type, byte[] body, long declaredLength) throws IOException {
        long len = declaredLength >= 0 ? declaredLength : body.length;
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + len
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            state = switch (state) {
                case 0, 2 -> c == '\r' ? state + 1 : 0;
                case 1 -> c == '\n' ? 2 : 0;
                case 3 -> c == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                return b.toString(StandardCharsets.US_ASCII);
            }
            if (b.size() > 64 * 1024) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
