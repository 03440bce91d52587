package dev.herald.worker.decode;

import static java.util.Objects.requireNonNull;

/** An event and the JetStream stream sequence it was stored at. */
public record SequencedEvent(long streamSequence, Event event) {

    public SequencedEvent {
        requireNonNull(event, "event");
    }
}
