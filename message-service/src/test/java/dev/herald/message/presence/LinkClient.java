package dev.herald.message.presence;

import dev.herald.message.testing.TestIdentity;
import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.HelloAck;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.PresenceChange;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A gateway's end of a link that reads only what the test asks for: with manual flow control it can stop reading,
 * as a stalled gateway does, or read everything, as a healthy one does.
 */
final class LinkClient implements ClientResponseObserver<LinkRequest, LinkResponse> {

    private final List<LinkResponse> received = new CopyOnWriteArrayList<>();
    private final boolean reads;
    private @Nullable StreamObserver<LinkRequest> link;
    private @Nullable ClientCallStreamObserver<LinkRequest> requests;
    private volatile @Nullable Status ended;

    private LinkClient(boolean reads) {
        this.reads = reads;
    }

    /** Links a gateway holding {@code users}, each with its token from {@code identity}, that reads every response. */
    static LinkClient reading(Channel channel, TestIdentity identity, String gatewayId, String... users) {
        return open(new LinkClient(true), channel, gatewayId, proven(identity, users));
    }

    /** Links a gateway holding {@code users} (with their tokens) that reads nothing until {@link #read(int)}. */
    static LinkClient stalled(Channel channel, TestIdentity identity, String gatewayId, String... users) {
        return open(new LinkClient(false), channel, gatewayId, proven(identity, users));
    }

    /** Links a gateway that reads everything and names {@code users} in its hello, with whatever tokens they carry. */
    static LinkClient reading(Channel channel, String gatewayId, List<OnlineUser> users) {
        return open(new LinkClient(true), channel, gatewayId, users);
    }

    private static List<OnlineUser> proven(TestIdentity identity, String... users) {
        return Stream.of(users)
                .map(user -> OnlineUser.newBuilder().setUserId(user).setToken(identity.token(user)).build())
                .toList();
    }

    private static LinkClient open(LinkClient client, Channel channel, String gatewayId, List<OnlineUser> users) {
        client.link = GatewayLinkServiceGrpc.newStub(channel).link(client);
        client.link.onNext(LinkRequest.newBuilder()
                .setHello(Hello.newBuilder().setGatewayId(gatewayId).addAllOnlineUsers(users))
                .build());
        return client;
    }

    /** Sends a presence change as the gateway would, with {@code token} (empty for none). */
    void presence(long sequence, String userId, boolean online, String token) {
        link.onNext(LinkRequest.newBuilder().setPresence(PresenceChange.newBuilder()
                .setSequence(sequence).setUserId(userId).setOnline(online).setToken(token)).build());
    }

    /** The instance's acknowledgement of the hello, once it came. */
    Optional<HelloAck> helloAck() {
        return received.stream().filter(LinkResponse::hasHelloAck).map(LinkResponse::getHelloAck).findFirst();
    }

    /** Whether the instance acknowledged the presence change {@code sequence}. */
    boolean acked(long sequence) {
        return received.stream().anyMatch(r -> r.hasPresenceAck() && r.getPresenceAck().getSequence() == sequence);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<LinkRequest> requestStream) {
        requests = requestStream;
        if (!reads) {
            requestStream.disableAutoRequestWithInitial(0);
        }
    }

    /** Lets {@code count} more responses in. */
    void read(int count) {
        if (requests != null) {
            requests.request(count);
        }
    }

    List<LinkResponse> received() {
        return received;
    }

    /** How the instance ended the link, or null while it is open. */
    @Nullable Status ended() {
        return ended;
    }

    @Override
    public void onNext(LinkResponse response) {
        received.add(response);
    }

    @Override
    public void onError(Throwable t) {
        ended = Status.fromThrowable(t);
    }

    @Override
    public void onCompleted() {
        ended = Status.OK;
    }
}
