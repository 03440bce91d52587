package dev.herald.gateway.session;

import java.util.List;

/**
 * What a session needs from the socket under it, implemented by the transport. Neither method may block: both
 * are called on I/O and gRPC threads.
 */
public interface ClientSocket {

    /**
     * Writes {@code frame} asynchronously and runs {@code onWritten} once it is written or has failed; frames handed
     * over one after another are written in that order. May throw when the socket has closed already.
     */
    void write(OutboundFrame frame, Runnable onWritten);

    /**
     * Writes {@code frames}, in order, in one socket write where the transport can (the default writes them one by
     * one), and runs {@code onWritten} once all are written or have failed. May throw like {@link #write}.
     */
    default void writeAll(List<OutboundFrame> frames, Runnable onWritten) {
        OutboundQueue.Transport oneByOne = this::write;
        oneByOne.sendAll(frames, onWritten);
    }

    /**
     * The socket signed in for the first time: it no longer counts against its address's cap on sockets that have
     * not, and may send messages up to the full frame limit.
     */
    void signedIn();

    /** Closes the socket with {@code code}; {@code reason} may be longer than a close frame carries. */
    void close(CloseCode code, String reason);
}
