package dev.herald.message.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.message.testing.TestIdentity;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.User;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Links over real (in-process) gRPC streams whose gateways read at their own pace: the instance holds what a link
 * cannot take yet up to a byte bound, in order, and ends a link that passes it without touching the others.
 */
class GatewayLinkFlowControlTest {

    private static final int BOUND_BYTES = 256 * 1024;
    private static final String LARGE_BODY = "x".repeat(32 * 1024);

    private static TestIdentity identity;
    private final PresenceTable presence = new PresenceTable(Clock.systemUTC());
    private final DeliveryRouter router = new DeliveryRouter(presence);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Server server;
    private ManagedChannel channel;

    @BeforeAll
    static void identityProvider() {
        identity = TestIdentity.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        identity.close();
    }

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new GatewayLinkEndpoint(presence,
                        new PresenceProofs(identity.tokens(), Clock.systemUTC()), BOUND_BYTES,
                        new LinkMeters(registry, presence)))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aGatewayThatStopsReadingIsEndedAtItsBoundWhileAnotherGatewayGetsEverything() {
        LinkClient stalled = LinkClient.stalled(channel, identity, "gw-stalled", "bob");
        LinkClient reading = LinkClient.reading(channel, identity, "gw-reading", "carol");
        awaitOnline("bob", "carol");
        GatewayChannel stalledChannel = channelOf("bob");

        int routed = 0;
        long mostBuffered = 0;
        // 64 deliveries of 32 KiB are 2 MiB, eight times the bound.
        while (routed < 64) {
            router.route(message(routed, LARGE_BODY, "bob", "carol"), "");
            routed++;
            mostBuffered = Math.max(mostBuffered, stalledChannel.bufferedBytes());
            // Paced by the reading gateway, so only the stalled one can fall behind.
            int expected = routed;
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> bodies(reading).size() == expected);
        }

        assertThat(mostBuffered).isLessThanOrEqualTo(BOUND_BYTES);
        await().atMost(Duration.ofSeconds(5)).until(() -> stalled.ended() != null);
        assertThat(stalled.ended().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(stalled.ended().getDescription()).isEqualTo("gateway link over its buffer bound");
        assertThat(presence.isOnline("bob")).isFalse();
        assertThat(stalledChannel.bufferedBytes()).isZero();

        assertThat(bodies(reading)).hasSize(64).allMatch(body -> body.endsWith(LARGE_BODY));
        assertThat(indexes(reading)).isSorted();
        assertThat(reading.ended()).isNull();
        assertThat(presence.isOnline("carol")).isTrue();
        assertThat(registry.get("herald_link_buffer_overflows").counter().count()).isEqualTo(1);
        assertThat(registry.get("herald_gateway_links_connected").gauge().value()).isEqualTo(1);
        // Each message went to both gateways until the stalled one was ended: 64 to one, at least a few to the other.
        assertThat(registry.get("herald_link_deliveries").counter().count()).isBetween(65.0, 128.0);
    }

    @Test
    void whatWaitsForAStalledGatewayReachesItInOrderWhenItReadsAgain() {
        LinkClient stalled = LinkClient.stalled(channel, identity, "gw-stalled", "bob");
        awaitOnline("bob");

        for (int i = 0; i < 5; i++) {
            router.route(message(i, "short", "bob"), "");
        }

        assertThat(channelOf("bob").bufferedBytes()).isPositive();
        assertThat(stalled.received()).isEmpty();
        stalled.read(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> bodies(stalled).size() == 5);
        assertThat(indexes(stalled)).containsExactly(0, 1, 2, 3, 4);
        assertThat(channelOf("bob").bufferedBytes()).isZero();
        assertThat(stalled.ended()).isNull();
    }

    @Test
    void aGatewayThatReadsGetsABurstInOrder() {
        LinkClient reading = LinkClient.reading(channel, identity, "gw-reading", "carol");
        awaitOnline("carol");

        // Routed faster than the gateway reads, so most of them wait for the stream to be ready.
        for (int i = 0; i < 2000; i++) {
            router.route(message(i, "short", "carol"), "");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> bodies(reading).size() == 2000);
        assertThat(indexes(reading)).isSorted().doesNotHaveDuplicates().hasSize(2000);
        assertThat(reading.ended()).isNull();
    }

    private void awaitOnline(String... users) {
        await().atMost(Duration.ofSeconds(5)).until(() -> List.of(users).stream().allMatch(presence::isOnline));
    }

    private GatewayChannel channelOf(String user) {
        return presence.locate(List.of(user)).keySet().iterator().next();
    }

    private static Message message(int index, String body, String... receivers) {
        return Message.newBuilder()
                .setId("m-" + index)
                .setSender(User.newBuilder().setId("alice"))
                .addAllReceivers(List.of(receivers))
                .setBody(index + ":" + body)
                .build();
    }

    private static List<String> bodies(LinkClient client) {
        return client.received().stream().filter(LinkResponse::hasDelivery)
                .map(response -> response.getDelivery().getMessage().getBody()).toList();
    }

    private static List<Integer> indexes(LinkClient client) {
        return bodies(client).stream().map(body -> Integer.parseInt(body.substring(0, body.indexOf(':')))).toList();
    }
}
