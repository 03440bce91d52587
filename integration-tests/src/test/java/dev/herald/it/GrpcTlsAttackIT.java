package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.SyncRequest;
import dev.herald.testing.TestCertificates;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole stack with gRPC on mutual TLS and the WebSocket on wss. An attacker who can reach the message-service's
 * port and knows the gateway secret (leaked, or the published default) tries to open a gateway link that names a
 * victim, without a client certificate, with one from its own CA, and in plain text: every attempt is refused and
 * receives nothing. Meanwhile a message sent over wss is delivered and stored, a direct gRPC caller with only its
 * token and the server's CA reads it, and a bystander pair's messages keep flowing.
 */
class GrpcTlsAttackIT {


    static Path directory;
    static TestCertificates serverCa;
    static TestCertificates gatewayCa;
    static TestCertificates rogueCa;
    static HeraldStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        directory = Files.createTempDirectory("herald-tls-it");
        serverCa = TestCertificates.authority(directory, "server-ca");
        gatewayCa = TestCertificates.authority(directory, "gateway-ca");
        rogueCa = TestCertificates.authority(directory, "rogue-ca");
        TestCertificates.Issued messageService = serverCa.server("message-service");
        TestCertificates.Issued gatewayClient = gatewayCa.client("gateway");
        TestCertificates.Issued gatewaySocket = serverCa.server("gateway");
        stack = HeraldStack.startTls(
                Map.of("HERALD_GRPC_TLS_CERT", messageService.certificateFile().toString(),
                        "HERALD_GRPC_TLS_KEY", messageService.keyFile().toString(),
                        "HERALD_GRPC_TLS_CLIENT_CA", gatewayCa.caFile().toString()),
                Map.of("HERALD_GRPC_TLS_CA", serverCa.caFile().toString(),
                        "HERALD_GRPC_TLS_CERT", gatewayClient.certificateFile().toString(),
                        "HERALD_GRPC_TLS_KEY", gatewayClient.keyFile().toString(),
                        "HERALD_GATEWAY_TLS_CERT", gatewaySocket.certificateFile().toString(),
                        "HERALD_GATEWAY_TLS_KEY", gatewaySocket.keyFile().toString()),
                serverCa.trustingClientContext());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void linksWithoutTheGatewayCertificateAreRefusedWhileWssAndMutualTlsServeEveryone() throws Exception {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        String sender = "sender-" + UUID.randomUUID().toString().substring(0, 8);
        try (Bystander bystander = Bystander.start(stack);
                WsClient victimSocket = stack.online(victim, "Victim");
                WsClient senderSocket = stack.online(sender, "Sender")) {
            TestCertificates.Issued impostor = rogueCa.client("gateway");
            List<Link> attacks = List.of(
                    link(tls().build(), victim),
                    link(tls().keyManager(impostor.alwaysPresenting()).build(), victim),
                    link(tls().keyManager(impostor.certificateFile().toFile(), impostor.keyFile().toFile()).build(),
                            victim),
                    link(InsecureChannelCredentials.create(), victim));

            JsonNode ack = senderSocket.request("message", Map.of("receivers", List.of(victim), "body", "secret"));
            assertThat(ack.path("event").asText()).as("send ack: %s", ack).isEqualTo("ack");
            String id = ack.at("/data/id").asText();

            JsonNode delivered = victimSocket.await(frame -> id.equals(frame.at("/data/id").asText()),
                    Duration.ofSeconds(10));
            assertThat(delivered.at("/data/body").asText()).isEqualTo("secret");
            await().atMost(Duration.ofSeconds(10)).until(() -> attacks.stream().allMatch(attack -> attack.ended));
            assertThat(attacks).extracting(attack -> attack.status.getCode()).containsExactly(
                    Status.Code.UNAUTHENTICATED, Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED,
                    Status.Code.UNAVAILABLE);
            assertThat(attacks).allSatisfy(attack -> assertThat(attack.received).isEmpty());
            assertThat(new Rows(stack).count("select count(*) from messages where id = ?::uuid and body = 'secret'",
                    id)).isEqualTo(1);
            // A direct caller needs the server's CA and its token, no client certificate.
            GrpcUser victimOverGrpc = stack.grpc(victim, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> victimOverGrpc.inbox
                    .sync(SyncRequest.getDefaultInstance()).getMessagesList().stream()
                    .anyMatch(message -> message.getMessage().getId().equals(id)));
            bystander.finish();
        }
    }

    @Test
    void plainTextIsServedNeitherOnGrpcNorOnTheWebSocket() throws IOException {
        ManagedChannel plain = Grpc.newChannelBuilderForAddress("127.0.0.1", stack.grpcPort(),
                InsecureChannelCredentials.create()).build();
        try {
            assertThatThrownBy(() -> HealthGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            plain.shutdownNow();
        }
        // A ws:// upgrade on the wss port: the TLS handshake fails on it and the connection closes unanswered.
        try (Socket plainSocket = new Socket()) {
            plainSocket.setSoTimeout(10_000);
            plainSocket.connect(new InetSocketAddress("127.0.0.1", stack.gateway.port()));
            plainSocket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(plainSocket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("HTTP/1.1");
        }
    }

    private static TlsChannelCredentials.Builder tls() {
        try {
            return TlsChannelCredentials.newBuilder().trustManager(serverCa.caFile().toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A link as a gateway opens one, with the real gateway secret, announcing {@code victim} in its hello with the
     * victim's own valid token (as if stolen too): only the missing certificate keeps it out.
     */
    private static Link link(ChannelCredentials credentials, String victim) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", stack.grpcPort(), credentials).build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-herald-gateway-secret", Metadata.ASCII_STRING_MARSHALLER),
                stack.env.get("HERALD_GATEWAY_SECRET"));
        Link link = new Link(channel);
        GatewayLinkServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .link(link)
                .onNext(LinkRequest.newBuilder().setHello(Hello.newBuilder().setGatewayId("gw-attacker")
                        .addOnlineUsers(OnlineUser.newBuilder().setUserId(victim)
                                .setToken(stack.token(victim, "Victim")))).build());
        return link;
    }

    /** What an attacker's link received, and how it ended. */
    private static final class Link implements StreamObserver<LinkResponse> {
        final List<LinkResponse> received = new CopyOnWriteArrayList<>();
        final ManagedChannel channel;
        volatile boolean ended;
        volatile Status status = Status.OK;

        Link(ManagedChannel channel) {
            this.channel = channel;
        }

        @Override
        public void onNext(LinkResponse response) {
            received.add(response);
        }

        @Override
        public void onError(Throwable failure) {
            status = Status.fromThrowable(failure);
            ended = true;
            channel.shutdownNow();
        }

        @Override
        public void onCompleted() {
            ended = true;
            channel.shutdownNow();
        }
    }
}
