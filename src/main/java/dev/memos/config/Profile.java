package dev.memos.config;

import java.net.URI;
import java.util.List;

/**
 * Where a profile's network peers are. {@code local} is the arlocal devnet that scripts/devnet
 * runs on loopback, so nothing in a test or demo ever reaches a paid network.
 */
public record Profile(String name, URI node, List<URI> gateways, URI turboUpload, URI turboPayment, boolean devnet) {

    public static final String LOCAL = "local";
    public static final String MAINNET = "mainnet";

    public Profile {
        gateways = List.copyOf(gateways);
    }

    public static Profile local(URI node) {
        return new Profile(LOCAL, node, List.of(node), URI.create("http://127.0.0.1:0/turbo-unavailable-on-local"),
                URI.create("http://127.0.0.1:0/turbo-unavailable-on-local"), true);
    }

    public static Profile mainnet() {
        return new Profile(MAINNET, URI.create("https://arweave.net"),
                List.of(URI.create("https://arweave.net"), URI.create("https://ar-io.net")),
                URI.create("https://upload.ardrive.io"), URI.create("https://payment.ardrive.io"), false);
    }

    public static List<String> names() {
        return List.of(LOCAL, MAINNET);
    }
}
