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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's links to every message-service instance. It announces which users hold sockets here (a hello
 * on every new stream, then one presence change per first or last socket of a user) and hands the deliveries
 * the instances push to a {@link DeliverySink}, and tells it when live deliveries may have been missed: a link that
 * worked ended, or an instance acknowledged a hello. Unary calls go round-robin over the instances whose link is up.
 *
 * <p>The instances are what the targets {@linkplain TargetResolver resolve} to, looked up again every resolve
 * interval when a target is a DNS name: a new instance gets a link (its hello names every user here, as on a
 * relink), and one gone from the answer drains: it takes no new call and announces nobody from then on (its users
 * move to their next choice), but its link stays open one more interval for the deliveries it still sends (other
 * gateways may call it until they resolve again), then closes, and the signed-in clients are told to resync.
 *
 * <p>Each user is announced with a token it signed in with here, which the instances verify: they deliver to the
 * user on this link only until that token expires. Of a user's tokens here the one that expires last is forwarded:
 * a sign-in or refresh with a token that expires later is sent again, as a presence change (online), on every link.
 */
public final class GatewayLinks implements BackendChannels, AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(GatewayLinks.class);
    private static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(10);
    private static final Duration DEFAULT_RESOLVE_INTERVAL = Duration.ofSeconds(10);

    private final String gatewayId;
    private final LinkChannels channels;
    private final String gatewaySecret;
    private final ScheduledExecutorService timers;
    private final TargetResolver resolver;
    /** Re-resolves the targets and retires drained links; null while every target is an IP literal. */
    private final @Nullable LinkDiscovery discovery;
    private final LinkRoster roster = new LinkRoster();
    private final Channel unresolved = new UnresolvedChannel();
    private final Duration ackTimeout;
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicLong linkLosses = new AtomicLong();
    /** Orders hellos, presence changes, stream (re)opening and roster changes across all links. */
    private final Object lock = new Object();
    /** The users with sockets here, each with the token forwarded for it. Guarded by lock. */
    private final Map<String, ForwardedToken> onlineUsers = new HashMap<>();
    /** The instance that announces each of those users (sets {@code announce}). Guarded by lock. */
    private final Announcers announcers =
            new Announcers(new RendezvousChoice(List.of()), target -> roster.view().isUp(target));
    private long sequence; // guarded by lock
    private boolean closed; // guarded by lock
    private volatile @Nullable DeliverySink sink;

    /**
     * Links to the instances of {@code targets} ({@code host:port}, an IP literal or a DNS name re-resolved every
     * 10 s) with {@code credentials} (TLS, or plain text), as {@link LinkChannels} builds them; nothing connects
     * before {@link #start}. Each link's stream has a thread of its own (see {@link LinkConnection}).
     */
    public GatewayLinks(String gatewayId, List<String> targets, ChannelCredentials credentials, String gatewaySecret,
            Duration ackTimeout, ReplyBound replyBound, ScheduledExecutorService timers) {
        this(gatewayId, targets, credentials, gatewaySecret, ackTimeout, replyBound, DEFAULT_KEEPALIVE,
                DEFAULT_RESOLVE_INTERVAL, timers);
    }

    /**
     * As above, with gRPC keepalive on every channel: a ping every {@code keepalive}, even without calls, and the
     * link ends when one is not answered within {@code keepalive}, so an instance that died or was cut off is left
     * within twice that, and its users are announced by the next choice. DNS names among the targets are resolved
     * again every {@code resolveInterval}.
     */
    public GatewayLinks(String gatewayId, List<String> targets, ChannelCredentials credentials, String gatewaySecret,
            Duration ackTimeout, ReplyBound replyBound, Duration keepalive, Duration resolveInterval,
            ScheduledExecutorService timers) {
        this(gatewayId, new TargetResolver(targets, TargetResolver.Lookup.system()),
                new LinkChannels(credentials, replyBound, keepalive), gatewaySecret, ackTimeout, resolveInterval,
                timers);
    }

    /** As above, the targets resolved by {@code resolver}. */
    GatewayLinks(String gatewayId, TargetResolver resolver, LinkChannels channels, String gatewaySecret,
            Duration ackTimeout, Duration resolveInterval, ScheduledExecutorService timers) {
        this.gatewayId = requireNonNull(gatewayId, "gatewayId");
        this.resolver = requireNonNull(resolver, "resolver");
        this.channels = requireNonNull(channels, "channels");
        this.gatewaySecret = requireNonNull(gatewaySecret, "gatewaySecret");
        this.ackTimeout = requireNonNull(ackTimeout, "ackTimeout");
        this.timers = requireNonNull(timers, "timers");
        this.discovery = resolver.isStatic() ? null : new LinkDiscovery(resolver, resolveInterval);
    }

    /**
     * Resolves the targets and opens a link to every instance; deliveries go to {@code sink} from then on. With a
     * DNS name among the targets, the first resolution and every later one run on the discovery thread.
     */
    public void start(DeliverySink sink) {
        this.sink = requireNonNull(sink, "sink");
        if (discovery != null) {
            discovery.start(this::reconcile);
        } else {
            reconcile(resolver.resolve());
        }
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

    /**
     * The next instance in turn among the resolved ones whose link is up, or among all resolved ones when none is;
     * a channel that fails every call with {@code UNAVAILABLE} while none is resolved.
     */
    @Override
    public Channel next() {
        List<LinkConnection> links = roster.view().activeLinks();
        if (links.isEmpty()) {
            return unresolved;
        }
        List<LinkConnection> up = links.stream().filter(LinkConnection::isUp).toList();
        List<LinkConnection> candidates = up.isEmpty() ? links : up;
        return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size())).channel();
    }

    /** The first of the user's {@linkplain RendezvousChoice ranked} instances whose link is up. */
    @Override
    public Channel forUser(String userId) {
        return roster.view().ranked().firstUp(userId).<Channel>map(LinkConnection::channel).orElseGet(this::next);
    }

    /** How many links to resolved instances are up right now: their instance acknowledged the hello. */
    public int linksUp() {
        return (int) roster.view().activeLinks().stream().filter(LinkConnection::isUp).count();
    }

    /** How many times a link that worked ended and was reopened, since start: the link reconnects. */
    public long linkLosses() {
        return linkLosses.get();
    }

    /**
     * The resolved instances and which of them are linked right now, for readiness (ready: every resolved instance
     * linked, at least one) and link metrics.
     */
    public LinkRosterState state() {
        List<LinkConnection> links = roster.view().activeLinks();
        return new LinkRosterState(links.stream().map(LinkConnection::target).toList(),
                links.stream().filter(LinkConnection::isUp).map(LinkConnection::target).toList());
    }

    /** Stops resolving, ends every link and shuts its channel down, waiting briefly for in-flight calls. */
    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
        List<LinkConnection> links;
        synchronized (lock) {
            closed = true;
            links = roster.view().all();
            links.forEach(LinkConnection::close);
        }
        links.forEach(GatewayLinks::awaitClosed);
    }

    /**
     * Opens a link to every instance new in {@code instances}, lets the links of instances gone from it drain, and
     * moves the announcers the change concerns (see {@link #linkChanged}).
     */
    private void reconcile(List<LinkTarget> instances) {
        List<LinkConnection> removed;
        synchronized (lock) {
            if (closed) {
                return;
            }
            LinkRoster.Change change = roster.reconcile(instances, this::connect);
            if (change.isEmpty()) {
                return;
            }
            announcers.retarget(roster.view().choice());
            moveAnnouncers();
            change.added().forEach(LinkConnection::open);
            removed = change.removed();
            logger.atInfo().addKeyValue("added", change.added().stream().map(LinkConnection::target).toList())
                    .addKeyValue("removed", removed.stream().map(LinkConnection::target).toList())
                    .log("message-service instances: {}", roster.view().active().keySet());
        }
        LinkDiscovery rounds = discovery;
        if (rounds != null) { // only discovery rounds remove instances
            removed.forEach(link -> rounds.retireLater(link, this::retire));
        }
    }

    /**
     * Closes a drained link. If it was still up, deliveries its instance accepted after this may reach no socket
     * here, so the clients are told to resync (if it had ended, its end told them already).
     */
    private void retire(LinkConnection link) {
        boolean wasUp;
        synchronized (lock) {
            if (!roster.retire(link)) {
                return; // its instance is back in the answer: the link serves on
            }
            wasUp = link.isUp();
            link.close();
        }
        awaitClosed(link);
        logger.atInfo().addKeyValue("target", link.target()).log("message-service link drained and closed");
        if (wasUp) {
            resync();
        }
    }

    private LinkConnection connect(LinkTarget target) {
        return new LinkConnection(target.address(), channels.open(target), gatewaySecret, lock, this::hello,
                this::deliver, this::resync, this::linkChanged, linkLosses::incrementAndGet, timers);
    }

    private static void awaitClosed(LinkConnection link) {
        try {
            link.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.channel().shutdownNow();
        }
    }

    /**
     * Sends {@code change}, numbered, on every link (draining ones too), with {@code announce} on the announcer's
     * only. The caller holds the lock.
     */
    private CompletableFuture<Void> announce(PresenceChange.Builder change, String announcer) {
        change.setSequence(++sequence);
        CompletableFuture<?>[] acks = roster.view().all().stream()
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
            moveAnnouncers();
        }
    }

    /** Moves the users whose choice changed, on their links (a draining one too); the caller holds the lock. */
    private void moveAnnouncers() {
        List<Announcers.Move> moves = announcers.reassign();
        for (Announcers.Move move : moves) {
            roster.find(move.to()).ifPresent(link -> link.sendPresence(
                    change(move.userId()).setSequence(++sequence).setAnnounce(true).build()));
            roster.find(move.from()).ifPresent(link -> link.sendPresence(
                    change(move.userId()).setSequence(++sequence).setAnnounce(false).build()));
        }
        if (!moves.isEmpty()) {
            logger.atDebug().addKeyValue("users", moves.size()).log("presence announcers moved");
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
