package dev.herald.gateway.link;

import dev.herald.gateway.protocol.ServerEvent;
import java.util.List;

/** Where the deliveries an instance pushes over a link go: the gateway's local sockets. */
public interface DeliverySink {

    /**
     * Sends {@code event} to every local socket of every recipient, except the message sender's socket whose
     * session id is {@code originSession} (empty when every socket gets it). Must not block.
     */
    void deliver(List<String> recipientIds, String originSession, ServerEvent.Pushed event);

    /**
     * A link that was up ended: deliveries it carried may have been lost, so every signed-in socket is told to
     * catch up with {@code sync}. Must not block.
     */
    void linkLost();
}
