package dev.herald.message.presence;

import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.HelloAck;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.PresenceAck;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC side of gateway links: hello, then presence changes, each acknowledged once in effect. Deliveries to a
 * link wait while its stream is not ready, up to {@code linkBufferBytes}; past that the link is ended (see
 * {@link GatewayChannel}).
 *
 * <p>Every user a link names in its hello or in a presence change (online) must come with its own current token;
 * only users whose token {@link PresenceProofs proves} them are put online on the link. A user whose token does not
 * is simply not delivered to there, and the change is acknowledged all the same: a refused token is no breach of
 * the link protocol (it may have expired in flight, or be signed by a key this instance has not fetched yet), and
 * ending the link would cost every other user on the gateway their deliveries.
 */
public final class GatewayLinkEndpoint extends GatewayLinkServiceGrpc.GatewayLinkServiceImplBase {

    private static final Logger logger = LoggerFactory.getLogger(GatewayLinkEndpoint.class);

    private final PresenceTable presence;
    private final PresenceProofs proofs;
    private final long linkBufferBytes;
    private final PresenceEvents events;
    private final LinkMeters meters;

    public GatewayLinkEndpoint(PresenceTable presence, PresenceProofs proofs, long linkBufferBytes,
            LinkMeters meters) {
        this(presence, proofs, linkBufferBytes, PresenceEvents.NONE, meters);
    }

    /** @param events told of every change once the table has it (the presence announcer) */
    public GatewayLinkEndpoint(PresenceTable presence, PresenceProofs proofs, long linkBufferBytes,
            PresenceEvents events, LinkMeters meters) {
        this.presence = presence;
        this.proofs = proofs;
        this.linkBufferBytes = linkBufferBytes;
        this.events = events;
        this.meters = meters;
    }

    @Override
    public StreamObserver<LinkRequest> link(StreamObserver<LinkResponse> responses) {
        return new Link((ServerCallStreamObserver<LinkResponse>) responses);
    }

    private final class Link implements StreamObserver<LinkRequest> {

        private final ServerCallStreamObserver<LinkResponse> responses;
        private @Nullable GatewayChannel channel;

        Link(ServerCallStreamObserver<LinkResponse> responses) {
            this.responses = responses;
            responses.setOnCancelHandler(this::end);
            // gRPC runs this on the call's serialized executor, like onNext, so it sees the channel hello set.
            responses.setOnReadyHandler(() -> {
                GatewayChannel linked = channel;
                if (linked != null) {
                    linked.drain();
                }
            });
        }

        @Override
        public void onNext(LinkRequest request) {
            switch (request.getKindCase()) {
                case HELLO -> {
                    if (channel != null) {
                        fail("hello sent twice");
                        return;
                    }
                    String gatewayId = request.getHello().getGatewayId();
                    if (gatewayId.isBlank()) {
                        fail("hello must name the gateway");
                        return;
                    }
                    List<ProvenUser> proven = request.getHello().getOnlineUsersList().stream()
                            .flatMap(user -> proofs.prove(gatewayId, user.getUserId(), user.getToken()).stream())
                            .toList();
                    channel = new GatewayChannel(gatewayId, responses, linkBufferBytes, this::overflowed, meters);
                    Set<String> replaced = presence.register(channel, proven);
                    replaced.forEach(user -> events.left(gatewayId, user));
                    Set<String> provenIds = proven.stream().map(ProvenUser::userId).collect(Collectors.toSet());
                    request.getHello().getOnlineUsersList().stream()
                            .filter(user -> user.getAnnounce() && provenIds.contains(user.getUserId()))
                            .forEach(user -> events.announced(gatewayId, user.getUserId(), true));
                    // Only now are the users routed to: the gateway waits for this to tell its clients to sync
                    // what this instance accepted before, when their messages reached no socket.
                    channel.send(LinkResponse.newBuilder()
                            .setHelloAck(HelloAck.newBuilder().setProvenUsers(proven.size())).build());
                    logger.info("gateway {} linked with {} online users ({} proven)", gatewayId,
                            request.getHello().getOnlineUsersCount(), proven.size());
                }
                case PRESENCE -> {
                    if (channel == null) {
                        fail("the first frame of a link must be a hello");
                        return;
                    }
                    var change = request.getPresence();
                    if (change.getOnline()) {
                        GatewayChannel linked = channel;
                        proofs.prove(linked.gatewayId(), change.getUserId(), change.getToken())
                                .ifPresent(user -> online(linked, user, change.getAnnounce()));
                    } else {
                        presence.offline(channel, change.getUserId());
                        events.left(channel.gatewayId(), change.getUserId());
                    }
                    channel.send(LinkResponse.newBuilder()
                            .setPresenceAck(PresenceAck.newBuilder().setSequence(change.getSequence()))
                            .build());
                }
                case KIND_NOT_SET -> fail("empty link frame");
            }
        }

        @Override
        public void onError(Throwable t) {
            end();
        }

        @Override
        public void onCompleted() {
            end();
        }

        private void online(GatewayChannel linked, ProvenUser user, boolean announce) {
            boolean heldBefore = presence.isOnline(user.userId());
            presence.online(linked, user);
            if (announce) {
                events.announced(linked.gatewayId(), user.userId(), heldBefore);
            } else {
                events.handedOver(linked.gatewayId(), user.userId());
            }
        }

        private void fail(String reason) {
            logger.atWarn().addKeyValue("gatewayId", channel == null ? null : channel.gatewayId())
                    .addKeyValue("reason", reason).log("closing a gateway link that broke the link protocol");
            if (channel != null) {
                end(); // completes the stream
                return;
            }
            responses.onError(Status.INVALID_ARGUMENT.withDescription(reason).asRuntimeException());
        }

        /** Runs on the thread whose send found the link over its bound; the channel already ended the stream. */
        private void overflowed(GatewayChannel ended) {
            unlink(ended);
        }

        private void end() {
            GatewayChannel ended = channel;
            if (ended != null) {
                unlink(ended);
                channel = null;
            }
        }

        private void unlink(GatewayChannel ended) {
            List<String> users = List.copyOf(ended.users());
            presence.remove(ended);
            users.forEach(user -> events.left(ended.gatewayId(), user));
            logger.info("gateway {} unlinked", ended.gatewayId());
        }
    }
}
