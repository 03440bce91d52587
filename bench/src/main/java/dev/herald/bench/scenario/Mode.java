package dev.herald.bench.scenario;

import java.util.Locale;
import java.util.Optional;

/** What a run does once its sockets are online. */
public enum Mode {
    /** Each message to one random other online user. */
    DIRECT,
    /** Each message to {@code --fanout} distinct random other online users. */
    FANOUT,
    /** Hold the sockets for {@code --hold} seconds and measure the server's memory. */
    IDLE,
    /** Only the connect phase: how fast sockets go online. */
    CONNECT,
    /**
     * {@code direct} for many minutes, with every message booked by its send minute and the servers' old
     * generation read after a full collection at the end of each minute.
     */
    SOAK,
    /**
     * One room of every socket: the first user creates it and adds the others during the connect phase, then the
     * senders send to the room; each message is delivered to every other member.
     */
    ROOM;

    public boolean sendsMessages() {
        return this == DIRECT || this == FANOUT || this == SOAK || this == ROOM;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> parse(String text) {
        for (Mode mode : values()) {
            if (mode.label().equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
