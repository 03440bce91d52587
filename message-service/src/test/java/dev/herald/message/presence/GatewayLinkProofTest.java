package dev.herald.message.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.message.auth.GatewaySecretInterceptor;
import dev.herald.message.testing.TestIdentity;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.User;
import dev.herald.testing.MutableClock;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Links that hold the gateway secret, over real (in-process) gRPC with the real secret check and real tokens: a link
 * gets a user's deliveries only while that user's own valid token proves it there.
 */
class GatewayLinkProofTest {

    private static final String SECRET = "link-proof-test-secret-of-32-characters";
    private static TestIdentity identity;
    private static AttackTokens attacks;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final PresenceTable presence = new PresenceTable(clock);
    private final DeliveryRouter router = new DeliveryRouter(presence);
    private final AtomicLong sequences = new AtomicLong(1000);
    private Server server;
    private ManagedChannel channel;
    private Channel withSecret;

    @BeforeAll
    static void identityProvider() {
        identity = TestIdentity.start();
        attacks = new AttackTokens(identity);
    }

    @AfterAll
    static void stopIdentityProvider() {
        identity.close();
    }

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(new GatewayLinkEndpoint(presence,
                        new PresenceProofs(identity.tokens(), Clock.systemUTC()), 8 << 20,
                        new LinkMeters(new SimpleMeterRegistry(), presence)),
                        new GatewaySecretInterceptor(SECRET)))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        Metadata headers = new Metadata();
        headers.put(GatewaySecretInterceptor.GATEWAY_SECRET, SECRET);
        withSecret = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aHelloNamingBobWithoutHisOwnValidTokenGetsNoneOfHisDeliveries() {
        Map<String, LinkClient> attackers = new LinkedHashMap<>();
        badTokensOfBob().forEach((kind, token) -> attackers.put(kind,
                LinkClient.reading(withSecret, "gw-" + kind, List.of(user("bob", token)))));
        LinkClient bobsGateway = LinkClient.reading(withSecret, identity, "gw-real", "bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> presence.isOnline("bob"));

        for (int i = 0; i < 5; i++) {
            router.route(message(i, "bob"), "");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(bobsGateway).size() == 5);
        attackers.forEach((kind, attacker) -> {
            settle(attacker);
            assertThat(deliveries(attacker)).as("link with %s", kind).isEmpty();
            assertThat(attacker.ended()).as("link with %s stays open", kind).isNull();
        });
        assertThat(presence.locate(List.of("bob"))).hasSize(1);
    }

    @Test
    void aPresenceChangeNamingBobWithoutHisOwnValidTokenIsAckedButGetsNoneOfHisDeliveries() {
        LinkClient attacker = LinkClient.reading(withSecret, "gw-attacker", List.of());
        List<Long> changes = badTokensOfBob().values().stream().map(token -> {
            long sequence = sequences.incrementAndGet();
            attacker.presence(sequence, "bob", true, token);
            return sequence;
        }).toList();
        LinkClient bobsGateway = LinkClient.reading(withSecret, identity, "gw-real", "bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> changes.stream().allMatch(attacker::acked));
        await().atMost(Duration.ofSeconds(5)).until(() -> presence.isOnline("bob"));

        router.route(message(0, "bob"), "");

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(bobsGateway).size() == 1);
        settle(attacker);
        assertThat(deliveries(attacker)).isEmpty();
        assertThat(attacker.ended()).isNull();
    }

    @Test
    void aBadTokenForOneUserLeavesTheOtherUsersOfTheLinkServed() {
        LinkClient gateway = LinkClient.reading(withSecret, "gw-mixed",
                List.of(user("carol", identity.token("carol")), user("bob", attacks.expired("bob"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> presence.isOnline("carol"));

        router.route(message(0, "bob", "carol"), "");

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(gateway).size() == 1);
        assertThat(deliveries(gateway).getFirst().getRecipientIdsList()).containsExactly("carol");
        assertThat(presence.isOnline("bob")).isFalse();
    }

    @Test
    void theHelloIsAcknowledgedFirstAndOnlyOnceItsProvenUsersAreOnline() {
        LinkClient gateway = LinkClient.reading(withSecret, "gw-hello",
                List.of(user("carol", identity.token("carol")), user("bob", attacks.expired("bob"))));

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.helloAck().isPresent());

        // No waiting here: the instance puts the proven users online before it answers, which the gateway relies on.
        assertThat(presence.isOnline("carol")).isTrue();
        assertThat(presence.isOnline("bob")).isFalse();
        assertThat(gateway.helloAck().orElseThrow().getProvenUsers()).isEqualTo(1);
        assertThat(gateway.received().getFirst().hasHelloAck()).isTrue();
    }

    @Test
    void deliveriesStopWhenTheTokenExpires() {
        LinkClient bobsGateway = LinkClient.reading(withSecret, "gw-real",
                List.of(user("bob", identity.token("bob", Duration.ofMinutes(10)))));
        LinkClient carolsGateway = LinkClient.reading(withSecret, identity, "gw-other", "carol");
        await().atMost(Duration.ofSeconds(5)).until(() -> presence.isOnline("bob") && presence.isOnline("carol"));
        router.route(message(0, "bob", "carol"), "");
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(bobsGateway).size() == 1);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        router.route(message(1, "bob", "carol"), "");

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(carolsGateway).size() == 2);
        settle(bobsGateway);
        assertThat(deliveries(bobsGateway)).hasSize(1);
        assertThat(presence.isOnline("bob")).isFalse();
    }

    @Test
    void aRefreshedTokenKeepsDeliveriesGoingPastTheFirstTokensExpiry() {
        LinkClient bobsGateway = LinkClient.reading(withSecret, "gw-real",
                List.of(user("bob", identity.token("bob", Duration.ofMinutes(10)))));
        long refresh = sequences.incrementAndGet();
        bobsGateway.presence(refresh, "bob", true, identity.token("bob", Duration.ofMinutes(30)));
        await().atMost(Duration.ofSeconds(5)).until(() -> bobsGateway.acked(refresh));

        clock.advance(Duration.ofMinutes(20));
        router.route(message(0, "bob"), "");

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(bobsGateway).size() == 1);
    }

    @Test
    void aBadRefreshLeavesTheEarlierProofInPlace() {
        LinkClient bobsGateway = LinkClient.reading(withSecret, identity, "gw-real", "bob");
        long refresh = sequences.incrementAndGet();
        bobsGateway.presence(refresh, "bob", true, identity.token("alice"));
        await().atMost(Duration.ofSeconds(5)).until(() -> bobsGateway.acked(refresh));

        router.route(message(0, "bob"), "");

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(bobsGateway).size() == 1);
    }

    /** Every kind of token that must not prove bob, by what is wrong with it. */
    private static Map<String, String> badTokensOfBob() {
        String kid = AttackTokens.keyId(identity.token("bob"));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no-token", "");
        tokens.put("alices-token", identity.token("alice"));
        tokens.put("expired-token", attacks.expired("bob"));
        tokens.put("forged-token", attacks.forged("bob", kid));
        tokens.put("tampered-token", attacks.tampered(identity.token("alice"), "bob"));
        tokens.put("other-audience-token", attacks.otherAudience("bob"));
        return tokens;
    }

    /**
     * Waits until the link has been answered a presence change sent now: the instance writes a link's responses
     * in order, so whatever was routed to it before has reached it by then.
     */
    private void settle(LinkClient link) {
        long sequence = sequences.incrementAndGet();
        link.presence(sequence, "nobody", false, "");
        await().atMost(Duration.ofSeconds(5)).until(() -> link.acked(sequence));
    }

    private static OnlineUser user(String userId, String token) {
        return OnlineUser.newBuilder().setUserId(userId).setToken(token).build();
    }

    private static List<Delivery> deliveries(LinkClient link) {
        return link.received().stream().filter(LinkResponse::hasDelivery).map(LinkResponse::getDelivery).toList();
    }

    private static Message message(int index, String... receivers) {
        return Message.newBuilder().setId("m-" + index).setSender(User.newBuilder().setId("alice"))
                .addAllReceivers(List.of(receivers)).setBody("secret " + index).build();
    }
}
