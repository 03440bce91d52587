package dev.herald.gateway.transport;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.admission.IdleSweeper;
import dev.herald.gateway.admission.PreauthLimiter;
import dev.herald.gateway.session.CloseCode;
import jakarta.websocket.CloseReason;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.jspecify.annotations.Nullable;

/**
 * One accepted TCP connection as the gateway's guards see it, from accept to close: its place under its address's
 * cap until it signs in, the frame limit of the moment, and when its peer last sent anything (for the
 * {@link IdleSweeper}). Kept on the Grizzly connection; about 80 bytes, no timer of its own.
 */
final class PeerSocket implements IdleSweeper.Watched {

    private static final Attribute<PeerSocket> ATTRIBUTE =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(PeerSocket.class.getName());
    /** An unmasked ping with no payload, as a server sends it. */
    private static final byte[] PING = {(byte) 0x89, 0x00};
    private static final CloseReason IDLE = new CloseReason(
            CloseReason.CloseCodes.getCloseCode(CloseCode.IDLE_TIMEOUT.code()), "idle timeout");

    private final Connection<?> connection;
    private final InetAddress peerAddress;
    private final long acceptedAtNanos;
    private final int signedInFrameLimit;
    private volatile PreauthLimiter.@Nullable Slot slot;
    private volatile int frameLimit;
    private volatile long lastReadNanos;
    private volatile long lastPingNanos = Long.MIN_VALUE;
    private volatile boolean signedIn;
    private volatile boolean closingIdle;

    private PeerSocket(Connection<?> connection, InetAddress peerAddress, PreauthLimiter.@Nullable Slot slot,
            int preauthFrameLimit, int signedInFrameLimit, long now) {
        this.connection = connection;
        this.peerAddress = peerAddress;
        this.slot = slot;
        this.frameLimit = preauthFrameLimit;
        this.signedInFrameLimit = signedInFrameLimit;
        this.acceptedAtNanos = now;
        this.lastReadNanos = now;
    }

    /** Attaches a new one to {@code connection}, holding {@code slot} (null while its address is not known yet). */
    static PeerSocket attach(Connection<?> connection, InetAddress peerAddress, PreauthLimiter.@Nullable Slot slot,
            int preauthFrameLimit, int signedInFrameLimit, long now) {
        PeerSocket socket = new PeerSocket(requireNonNull(connection, "connection"), peerAddress, slot,
                preauthFrameLimit, signedInFrameLimit, now);
        ATTRIBUTE.set(connection, socket);
        return socket;
    }

    /** The one on {@code connection}; null for a connection the guards refused or never saw. */
    static @Nullable PeerSocket of(Connection<?> connection) {
        return ATTRIBUTE.get(connection);
    }

    InetAddress peerAddress() {
        return peerAddress;
    }

    /** Whether it holds a place under some address's cap (or has signed in, and so needs none). */
    boolean counted() {
        return slot != null || signedIn;
    }

    /** Takes {@code place}, found once its request named the client behind a trusted proxy. */
    void counted(PreauthLimiter.Slot place) {
        slot = place;
    }

    int frameLimit() {
        return frameLimit;
    }

    void read(long now) {
        lastReadNanos = now;
    }

    /** Signed in: its place goes back to its address, and it may send messages up to the full limit. */
    void signedIn() {
        signedIn = true;
        frameLimit = signedInFrameLimit;
        release();
    }

    /** Closed: its place, if it still holds one, goes back. */
    void closed() {
        release();
    }

    private void release() {
        PreauthLimiter.Slot held = slot;
        if (held != null) {
            slot = null;
            held.release(); // idempotent, should sign-in and close race
        }
    }

    @Override
    public long acceptedAtNanos() {
        return acceptedAtNanos;
    }

    @Override
    public long lastReadNanos() {
        return lastReadNanos;
    }

    @Override
    public long lastPingNanos() {
        return lastPingNanos;
    }

    @Override
    public boolean upgraded() {
        return TyrusAttributes.upgraded(connection) != null;
    }

    @Override
    public void ping(long now) {
        lastPingNanos = now;
        org.glassfish.tyrus.spi.Connection upgraded = TyrusAttributes.upgraded(connection);
        if (upgraded != null) {
            // Through Tyrus's writer, as every frame of this socket: Grizzly queues whole writes in order.
            upgraded.getWriter().write(ByteBuffer.wrap(PING), new CompletionHandler<>() { });
        }
    }

    @Override
    public void closeIdle() {
        org.glassfish.tyrus.spi.Connection upgraded = TyrusAttributes.upgraded(connection);
        TaskProcessor tasks = TyrusAttributes.tasks(connection);
        if (closingIdle || upgraded == null || tasks == null) {
            // The close frame went out a sweep ago and the connection is still open (a peer that reads
            // nothing can leave the close frame unwritten): drop it.
            connection.closeSilently();
            return;
        }
        closingIdle = true;
        tasks.processTask(new TaskProcessor.Task() {
            @Override
            public void execute() {
                upgraded.close(IDLE);
            }
        });
    }

    @Override
    public void closeNotUpgraded() {
        connection.closeSilently();
    }
}
