package dev.herald.it;

import dev.herald.proto.v1.AdminServiceGrpc;
import dev.herald.proto.v1.InboxServiceGrpc;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.OnlineRequest;
import dev.herald.proto.v1.OutboxServiceGrpc;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.List;

/** A user (or admin) calling the message-service over real gRPC with its own bearer token. */
final class GrpcUser {

    final String id;
    final MessageServiceGrpc.MessageServiceBlockingStub messages;
    final InboxServiceGrpc.InboxServiceBlockingStub inbox;
    final OutboxServiceGrpc.OutboxServiceBlockingStub outbox;
    final AdminServiceGrpc.AdminServiceBlockingStub admin;
    final String token;

    GrpcUser(Channel channel, String id, String token) {
        this.id = id;
        this.token = token;
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        ClientInterceptor bearer = MetadataUtils.newAttachHeadersInterceptor(headers);
        this.messages = MessageServiceGrpc.newBlockingStub(channel).withInterceptors(bearer);
        this.inbox = InboxServiceGrpc.newBlockingStub(channel).withInterceptors(bearer);
        this.outbox = OutboxServiceGrpc.newBlockingStub(channel).withInterceptors(bearer);
        this.admin = AdminServiceGrpc.newBlockingStub(channel).withInterceptors(bearer);
    }

    /** Goes online once so the user is known, and returns itself. */
    GrpcUser known() {
        messages.online(OnlineRequest.getDefaultInstance());
        return this;
    }

    String send(String body, String... receivers) {
        SendResponse ack = messages.send(SendRequest.newBuilder().addAllReceivers(List.of(receivers)).setBody(body).build());
        return ack.getId();
    }
}
