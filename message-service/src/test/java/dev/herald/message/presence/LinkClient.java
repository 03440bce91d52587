package dev.herald.message.presence;

import dev.herald.proto.v1.GatewayLinkServiceGrpc;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.LinkRequest;
import dev.herald.proto.v1.LinkResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A gateway's end of a link that reads only what the test asks for: with manual flow control it can stop reading,
 * as a stalled gateway does, or read everything, as a healthy one does.
 */
final class LinkClient implements ClientResponseObserver<LinkRequest, LinkResponse> {

    private final List<LinkResponse> received = new CopyOnWriteArrayList<>();
    private final boolean reads;
    private @Nullable ClientCallStreamObserver<LinkRequest> requests;
    private volatile @Nullable Status ended;

    private LinkClient(boolean reads) {
        this.reads = reads;
    }

    /** Links a gateway holding {@code users} that reads every response as it comes. */
    static LinkClient reading(Channel channel, String gatewayId, String... users) {
        return open(new LinkClient(true), channel, gatewayId, users);
    }

    /** Links a gateway holding {@code users} that reads nothing until {@link #read(int)} is called. */
    static LinkClient stalled(Channel channel, String gatewayId, String... users) {
        return open(new LinkClient(false), channel, gatewayId, users);
    }

    private static LinkClient open(LinkClient client, Channel channel, String gatewayId, String... users) {
        GatewayLinkServiceGrpc.newStub(channel).link(client).onNext(LinkRequest.newBuilder()
                .setHello(Hello.newBuilder().setGatewayId(gatewayId).addAllOnlineUserIds(List.of(users)))
                .build());
        return client;
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
