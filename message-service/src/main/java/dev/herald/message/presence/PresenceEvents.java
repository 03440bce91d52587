package dev.herald.message.presence;

/**
 * What the gateway links report about users, after the {@link PresenceTable} took it in: the
 * {@link PresenceAnnouncer} listens, to push presence notices for the users whose announcer this instance is.
 */
public interface PresenceEvents {

    /** Nothing listens (tests of the link alone). */
    PresenceEvents NONE = new PresenceEvents() {
        @Override
        public void announced(String gatewayId, String userId, boolean heldBefore) {}

        @Override
        public void handedOver(String gatewayId, String userId) {}

        @Override
        public void left(String gatewayId, String userId) {}
    };

    /**
     * A gateway named this instance the user's announcer.
     *
     * @param heldBefore whether the user was online before this report (a hello, or a change for a user the table
     *        already held): then its coming online was pushed already, by whichever instance announced it then
     */
    void announced(String gatewayId, String userId, boolean heldBefore);

    /** A gateway reported the user online without naming this instance its announcer any more. */
    void handedOver(String gatewayId, String userId);

    /** The user's last socket on the gateway closed, or the gateway's link ended. */
    void left(String gatewayId, String userId);
}
