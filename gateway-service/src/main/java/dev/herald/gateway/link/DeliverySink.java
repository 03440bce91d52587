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
     * Sends {@code event} to every signed-in socket of the gateway (a delivery marked {@code everyone}: an
     * announcement, which the instance sends once per gateway rather than once per user). Must not block.
     */
    void deliverToEveryone(ServerEvent.Pushed event);

    /**
     * Live deliveries may have been missed, so every signed-in socket is told to catch up with {@code sync}: a link
     * that was up ended (deliveries it carried may be lost), or an instance has just put this gateway's users
     * online (messages it accepted for them before reached no socket). Must not block.
     */
    void resync();
}
