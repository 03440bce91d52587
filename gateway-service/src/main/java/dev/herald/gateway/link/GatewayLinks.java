package dev.herald.gateway.link;

import static java.util.Objects.requireNonNull;

import dev.herald.config.ReplyBound;
import dev.herald.gateway.backend.BackendChannels;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Hello;
import dev.herald.proto.v1.OnlineUser;
import dev.herald.proto.v1.PresenceChange;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's links to every message-service instance. It announces which users hold sockets here (a hello
 * on every new stream, then one presence change per first or last socket of a user) and hands the deliveries
 * the instances push to a {@link DeliverySink}, and tells it when live deliveries may have been missed: a link that
 * worked ended, or an instance acknowledged a hello. Unary calls go round-robin over the instances whose link is up.
 *
 * <p>Each user is announced with a token it signed in with here, which the instances verify: they deliver to the
 * user on this link only until that token expires. Of a user's tokens here the one that expires last is forwarded:
 * a sign-in or refresh with a token that expires later is sent again, as a presence change (online), on every link.
 */
public final class GatewayLinks implements BackendChannels, AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(GatewayLinks.class);
    private static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(10);

    private final String gatewayId;
    private final List<LinkConnection> links;
    private final RankedLinks ranked;
    private final Map<String, LinkConnection> linksByTarget;
    private final Duration ackTimeout;
    private final AtomicInteger turn = new AtomicInteger();
    /** Orders hellos, presence changes and stream (re)opening across all links. */
    private final Object lock = new Object();
    /** The users with sockets here, each with the token forwarded for it. Guarded by lock. */
    private final Map<String, ForwardedToken> onlineUsers = new HashMap<>();
    /** The instance that announces each of those users (sets {@code announce}). Guarded by lock. */
    private final Announcers announcers;
    private long sequence; // guarded by lock
    private volatile @Nullable DeliverySink sink;

    /**
     * Creates one channel per target ({@code host:port}) with {@code credentials} (TLS, or plain text); nothing
     * connects before {@link #start}. A channel accepts replies as large as the message-service sends them: the
     * reply bound plus one message alone.
     * Unary responses are handled on the channel's event loop ({@code directExecutor}): what follows them only
     * queues a frame on a socket and never blocks, and handing each callback to gRPC's default cached pool made
     * thread switches (futex wake and wait) about a fifth of the gateway's CPU (async-profiler). Each link's
     * stream has a thread of its own (see {@link LinkConnection}).
     */
    public GatewayLinks(String gatewayId, List<String> targets, ChannelCredentials credentials, String gatewaySecret,
            Duration ackTimeout, ReplyBound replyBound, ScheduledExecutorService timers) {
        this(gatewayId, targets, credentials, gatewaySecret, ackTimeout, replyBound, DEFAULT_KEEPALIVE, timers);
    }

    /**
     * As above, with gRPC keepalive on every channel: a ping every {@code keepalive}, even without calls, and the
     * link ends when one is not answered within {@code keepalive}, so an instance that died or was cut off is left
     * within twice that, and its users are announced by the next choice.
     */
    public GatewayLinks(String gatewayId, List<String> targets, ChannelCredentials credentials, String gatewaySecret,
            Duration ackTimeout, ReplyBound replyBound, Duration keepalive, ScheduledExecutorService timers) {
        this.gatewayId = requireNonNull(gatewayId, "gatewayId");
        this.ackTimeout = requireNonNull(ackTimeout, "ackTimeout");
        this.links = targets.stream()
                .map(target -> new LinkConnection(target,
                        Grpc.newChannelBuilder(target, credentials)
                                .directExecutor()
                                .maxInboundMessageSize(replyBound.grpcMaxMessageBytes())
                                .keepAliveTime(keepalive.toMillis(), TimeUnit.MILLISECONDS)
                                .keepAliveTimeout(keepalive.toMillis(), TimeUnit.MILLISECONDS)
                                .keepAliveWithoutCalls(true)
                                .build(),
                        gatewaySecret, lock, this::hello, this::deliver, this::resync, this::linkChanged, timers))
                .toList();
        this.ranked = new RankedLinks(links);
        this.linksByTarget = links.stream().collect(Collectors.toMap(LinkConnection::target, link -> link));
        this.announcers = new Announcers(new RendezvousChoice(targets), target -> linksByTarget.get(target).isUp());
    }

    /** Opens every link; deliveries go to {@code sink} from then on. */
    public void start(DeliverySink sink) {
        this.sink = requireNonNull(sink, "sink");
        links.forEach(LinkConnection::open);
    }

    /**
     * Announces that a socket of {@code userId} signed in, or refreshed its token, with {@code token} (valid until
     * {@code expiresAt}). Sent on every link when the user is new here or the token expires later than the one
     * forwarded before; otherwise nothing is sent, as the earlier token proves the user for longer. The future
     * completes when every established link has acknowledged the change, or after the ack timeout: once it
     * completes, the instances route messages for the user here.
     */
    public CompletableFuture<Void> online(String userId, String token, Instant expiresAt) {
        synchronized (lock) {
            ForwardedToken forwarded = onlineUsers.get(userId);
            if (forwarded != null && !expiresAt.isAfter(forwarded.expiresAt())) {
                return CompletableFuture.completedFuture(null);
            }
            onlineUsers.put(userId, new ForwardedToken(token, expiresAt));
            String announcer = announcers.of(userId).orElseGet(() -> announcers.assign(userId));
            return announce(PresenceChange.newBuilder().setUserId(userId).setOnline(true).setToken(token),
                    announcer);
        }
    }

    /** Announces that the last socket of {@code userId} here closed; completes like {@link #online}. */
    public CompletableFuture<Void> offline(String userId) {
        synchronized (lock) {
            if (onlineUsers.remove(userId) == null) {
                return CompletableFuture.completedFuture(null);
            }
            String announcer = announcers.of(userId).orElseThrow();
            announcers.remove(userId);
            return announce(PresenceChange.newBuilder().setUserId(userId).setOnline(false), announcer);
        }
    }

    /** The next instance in turn among those whose link is up, or among all when none is. */
    @Override
    public Channel next() {
        List<LinkConnection> up = links.stream().filter(LinkConnection::isUp).toList();
        List<LinkConnection> candidates = up.isEmpty() ? links : up;
        return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size())).channel();
    }

    /** The first of the user's {@linkplain RendezvousChoice ranked} instances whose link is up. */
    @Override
    public Channel forUser(String userId) {
        return ranked.firstUp(userId).<Channel>map(LinkConnection::channel).orElseGet(this::next);
    }

    /** How many links are up right now: their instance acknowledged the hello. */
    public int linksUp() {
        return (int) links.stream().filter(LinkConnection::isUp).count();
    }

    /** Ends every link and shuts its channel down, waiting briefly for in-flight calls. */
    @Override
    public void close() {
        synchronized (lock) {
            links.forEach(LinkConnection::close);
        }
        for (LinkConnection link : links) {
            try {
                link.awaitTermination(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                link.channel().shutdownNow();
            }
        }
    }

    /**
     * Sends {@code change}, numbered, on every link, with {@code announce} on the announcer's only. The caller holds
     * the lock.
     */
    private CompletableFuture<Void> announce(PresenceChange.Builder change, String announcer) {
        change.setSequence(++sequence);
        CompletableFuture<?>[] acks = links.stream()
                .map(link -> link.sendPresence(change.setAnnounce(link.target().equals(announcer)).build()))
                .toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(acks).completeOnTimeout(null, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The hello of a new stream on {@code target}'s link: every user here, announced where the link is their
     * announcer already. The users whose first choice it is move to it once it is up (see {@link #linkChanged}).
     */
    private Hello hello(String target) {
        synchronized (lock) {
            Hello.Builder hello = Hello.newBuilder().setGatewayId(gatewayId);
            onlineUsers.forEach((userId, forwarded) -> hello.addOnlineUsers(
                    OnlineUser.newBuilder().setUserId(userId).setToken(forwarded.token())
                            .setAnnounce(announcers.of(userId).filter(target::equals).isPresent())));
            return hello.build();
        }
    }

    /**
     * A link came up or went down: the users whose first choice changed are announced on the new one, so an offline
     * later is still pushed, and released on the old one, so it is pushed once.
     */
    private void linkChanged() {
        synchronized (lock) {
            List<Announcers.Move> moves = announcers.reassign();
            for (Announcers.Move move : moves) {
                linksByTarget.get(move.to()).sendPresence(
                        change(move.userId()).setSequence(++sequence).setAnnounce(true).build());
                linksByTarget.get(move.from()).sendPresence(
                        change(move.userId()).setSequence(++sequence).setAnnounce(false).build());
            }
            if (!moves.isEmpty()) {
                logger.atDebug().addKeyValue("users", moves.size()).log("presence announcers moved");
            }
        }
    }

    /** An online change of a user held here, with its forwarded token; the caller holds the lock. */
    private PresenceChange.Builder change(String userId) {
        return PresenceChange.newBuilder().setUserId(userId).setOnline(true)
                .setToken(onlineUsers.get(userId).token());
    }

    /** The token a user is announced with on the links: of its sockets' tokens, the one that expires last. */
    private record ForwardedToken(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "ForwardedToken[expiresAt=" + expiresAt + "]";
        }
    }

    private void deliver(Delivery delivery) {
        Optional<ServerEvent.Pushed> event = DeliveryMapper.toEvent(delivery);
        if (event.isEmpty()) {
            logger.debug("delivery without payload: dropped");
            return;
        }
        DeliverySink target = sink;
        if (target == null) {
            logger.atWarn().addKeyValue("delivery", DeliveryMapper.describe(delivery))
                    .log("delivery before start: dropped");
            return;
        }
        if (delivery.getEveryone()) {
            target.deliverToEveryone(event.get());
        } else {
            target.deliver(delivery.getRecipientIdsList(), delivery.getOriginSession(), event.get());
        }
    }

    private void resync() {
        DeliverySink target = sink;
        if (target != null) {
            target.resync();
        }
    }
}
