package dev.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A service's operations endpoint as a test reads it: {@code /health/*} answers, and {@code /metrics} samples by
 * name and labels from the Prometheus text format.
 */
public final class OpsEndpoint {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public OpsEndpoint(int port) {
        this.port = port;
    }

    /** GETs {@code path} (e.g. {@code /health/ready}) from 127.0.0.1. */
    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of {@code /metrics}. */
    public String metrics() {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * The value of the sample {@code name} carrying every label of {@code labels} ({@code "code=\"OK\""}, ...),
     * in a scrape; empty if there is none.
     */
    public static OptionalDouble sample(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> labelsOf(line).contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** {@link #sample} of a fresh scrape, 0 when the sample is not there (a counter not yet created). */
    public double value(String name, String... labels) {
        return sample(metrics(), name, labels).orElse(0);
    }

    private static String labelsOf(String line) {
        int open = line.indexOf('{');
        return open < 0 ? "" : line.substring(open, line.lastIndexOf('}') + 1);
    }
}
