package dev.memos.arweave;

import dev.memos.arweave.turbo.TurboClient;
import dev.memos.backup.ProgressListener;
import dev.memos.config.Profile;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the clients for one profile: its node, its gateway list and its Turbo endpoints. */
public final class Network {
    private final Profile profile;
    private final Retry retry;
    private final Duration timeout;
    private final ProgressListener progress;

    public Network(Profile profile, Retry retry) {
        this(profile, retry, HttpArweaveGateway.DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long one request may wait for the answer to begin; a gateway that assembles
     *     a large item from chunks before its first byte (arlocal takes ~40 s for 100 MB) needs more
     */
    public Network(Profile profile, Retry retry, Duration timeout) {
        this(profile, retry, timeout, ProgressListener.NONE);
    }

    /** @param progress hears of the bytes its gateways upload and download, and of long waits */
    public Network(Profile profile, Retry retry, Duration timeout, ProgressListener progress) {
        this.profile = profile;
        this.retry = retry;
        this.timeout = timeout;
        this.progress = progress;
    }

    public ProgressListener progress() {
        return progress;
    }

    public Profile profile() {
        return profile;
    }

    public Retry retry() {
        return retry;
    }

    public ArweaveGateway node() {
        return gateway(profile.node());
    }

    public List<ArweaveGateway> gateways() {
        List<ArweaveGateway> out = new ArrayList<>();
        for (URI g : profile.gateways()) {
            out.add(gateway(g));
        }
        return out;
    }

    public Downloader downloader() {
        return new Downloader(gateways(), retry);
    }

    /** GraphQL runs on the first gateway (arlocal on the local profile). */
    public Discovery discovery() {
        return new Discovery(gateways().get(0), retry);
    }

    public TurboClient turbo(String token) {
        return turbo(token, profile.turboUpload(), profile.turboPayment());
    }

    /** A Turbo client on other endpoints than the profile's (Turbo's development services for a test network). */
    public TurboClient turbo(String token, URI upload, URI payment) {
        return TurboClient.builder().upload(upload).payment(payment).token(token).progress(progress).build();
    }

    private ArweaveGateway gateway(URI uri) {
        return ArweaveGateway.builder().base(uri).timeout(timeout).progress(progress).build();
    }
}
