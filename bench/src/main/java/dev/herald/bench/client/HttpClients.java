package dev.herald.bench.client;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP clients that open the sockets: {@code perAddress} for each source address (or for the default
 * address when none is given). Each client has one selector thread; the listeners run on virtual threads.
 */
public final class HttpClients implements AutoCloseable {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpClient> clients = new ArrayList<>();

    public HttpClients(List<InetAddress> localAddresses, int perAddress) {
        requireNonNull(localAddresses, "localAddresses");
        checkArgument(perAddress > 0, "perAddress: %s (expected: > 0)", perAddress);
        for (int i = 0; i < perAddress; i++) {
            if (localAddresses.isEmpty()) {
                clients.add(builder().build());
            }
            for (InetAddress address : localAddresses) {
                clients.add(builder().localAddress(address).build());
            }
        }
    }

    public List<HttpClient> clients() {
        return List.copyOf(clients);
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::shutdownNow);
        executor.shutdownNow();
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder().executor(executor);
    }
}
