package dev.herald.gateway.link;

import static java.util.Objects.requireNonNull;

import dev.herald.config.ReplyBound;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds the channel of each link, one per instance.
 * Unary responses are handled on the channel's event loop ({@code directExecutor}): what follows them only queues a
 * frame on a socket and never blocks, and handing each callback to gRPC's default cached pool made thread switches
 * (futex wake and wait) about a fifth of the gateway's CPU (async-profiler). A channel accepts replies as large as
 * the message-service sends them: the reply bound plus one message alone. Keepalive pings every {@code keepalive},
 * even without calls, and ends the link when one is not answered within the same time.
 *
 * @param credentials TLS, or plain text
 */
record LinkChannels(ChannelCredentials credentials, ReplyBound replyBound, Duration keepalive) {

    LinkChannels {
        requireNonNull(credentials, "credentials");
        requireNonNull(replyBound, "replyBound");
        requireNonNull(keepalive, "keepalive");
    }

    /**
     * A channel to {@code target}'s address. An instance resolved from a DNS name presents that name as its
     * authority: the address is dialled, and TLS checks the certificate against the name (SNI and hostname), since
     * the certificate names the Service, not each pod.
     */
    ManagedChannel open(LinkTarget target) {
        ManagedChannelBuilder<?> channel = Grpc.newChannelBuilder(target.address(), credentials)
                .directExecutor()
                .maxInboundMessageSize(replyBound.grpcMaxMessageBytes())
                .keepAliveTime(keepalive.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(keepalive.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true);
        String authority = target.authority();
        if (authority != null) {
            channel.overrideAuthority(authority);
        }
        return channel.build();
    }
}
