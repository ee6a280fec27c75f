package dev.memos.archfixture;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;

/** Violates the HTTP confinement: talks HTTP (java.net.http and HttpURLConnection) outside dev.memos.arweave. */
public final class HttpOutsideArweave {
    private HttpOutsideArweave() {
    }

    public static HttpClient client() {
        return HttpClient.newHttpClient();
    }

    public static int status(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        return c.getResponseCode();
    }
}
