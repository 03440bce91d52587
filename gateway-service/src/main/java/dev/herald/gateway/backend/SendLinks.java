package dev.herald.gateway.backend;

import java.util.Optional;

/** The gateway links that may carry sends instead of unary calls. */
public interface SendLinks {

    /** No link carries sends: every send is a unary call ({@code HERALD_LINK_SENDS=false}, the default). */
    SendLinks NONE = Optional::empty;

    /**
     * The link of the instance the next send goes to: the next in turn among those whose link is up, as
     * {@link BackendChannels#next} picks; empty when no link is up (the send is then a unary call).
     */
    Optional<SendLink> nextSendLink();
}
