package dev.herald.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.gateway.protocol.ClientEvent;
import dev.herald.gateway.protocol.RequestId;
import dev.herald.gateway.session.EarlyEvents.Outcome;
import dev.herald.gateway.trace.RequestTrace;
import dev.herald.observability.trace.TraceLogging;
import dev.herald.observability.trace.Traceparent;
import org.junit.jupiter.api.Test;

class EarlyEventsTest {

    private static final ClientEvent OFFLINE = new ClientEvent.Offline();
    private static final ClientEvent ONLINE = new ClientEvent.Online("token");

    private final EarlyEvents early = new EarlyEvents(2);

    @Test
    void carriesEventsOutAtOnceWhenNoSignInIsInProgress() {
        assertThat(early.hold(id("a"), OFFLINE, 0)).isEqualTo(Outcome.CARRY_OUT);
        assertThat(early.next()).isNull();
    }

    @Test
    void holdsEventsDuringTheSignInAndReleasesThemInOrderAfterIt() {
        early.signInStarted();
        assertThat(early.hold(id("a"), OFFLINE, 0)).isEqualTo(Outcome.HELD);
        assertThat(early.hold(id("b"), OFFLINE, 0)).isEqualTo(Outcome.HELD);
        assertThat(early.next()).as("nothing is released before the sign-in finished").isNull();

        early.signInFinished();

        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("a"), OFFLINE, 0, null));
        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("b"), OFFLINE, 0, null));
        assertThat(early.next()).isNull();
        assertThat(early.hold(id("c"), OFFLINE, 0)).isEqualTo(Outcome.CARRY_OUT);
    }

    @Test
    void queuesNewEventsBehindTheOneBeingCarriedOut() {
        early.signInStarted();
        early.hold(id("a"), OFFLINE, 0);
        early.signInFinished();

        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("a"), OFFLINE, 0, null));
        // "a" is being carried out on the sign-in's thread while "b" arrives on the socket's.
        assertThat(early.hold(id("b"), OFFLINE, 0)).isEqualTo(Outcome.HELD);
        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("b"), OFFLINE, 0, null));
        assertThat(early.next()).isNull();
        assertThat(early.hold(id("c"), OFFLINE, 0)).isEqualTo(Outcome.CARRY_OUT);
    }

    @Test
    void aHeldEventKeepsTheTraceOfItsRequest() {
        Traceparent trace = Traceparent.newRoot();
        early.signInStarted();
        try (TraceLogging.Scope scope = RequestTrace.enter(trace)) {
            early.hold(id("a"), OFFLINE, 0);
        }
        early.signInFinished();

        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("a"), OFFLINE, 0, trace));
    }

    @Test
    void stopsReleasingAtAnOnlineThatStartsAnotherSignIn() {
        early.signInStarted();
        early.hold(id("again"), ONLINE, 0);
        early.hold(id("a"), OFFLINE, 0);
        early.signInFinished();

        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("again"), ONLINE, 0, null));
        early.signInStarted(); // carrying out the released online
        assertThat(early.next()).as("a waits for the second sign-in").isNull();
        assertThat(early.hold(id("b"), OFFLINE, 0)).isEqualTo(Outcome.HELD);

        early.signInFinished();
        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("a"), OFFLINE, 0, null));
        assertThat(early.next()).isEqualTo(new EarlyEvents.Event(id("b"), OFFLINE, 0, null));
        assertThat(early.next()).isNull();
    }

    @Test
    void refusesEventsBeyondTheLimit() {
        early.signInStarted();
        early.hold(id("a"), OFFLINE, 0);
        early.hold(id("b"), OFFLINE, 0);

        assertThat(early.hold(id("c"), OFFLINE, 0)).isEqualTo(Outcome.FULL);
        early.signInFinished();
        assertThat(early.next()).extracting(EarlyEvents.Event::id).isEqualTo(id("a"));
        assertThat(early.next()).extracting(EarlyEvents.Event::id).isEqualTo(id("b"));
        assertThat(early.next()).isNull();
    }

    @Test
    void needsAPositiveLimit() {
        assertThatThrownBy(() -> new EarlyEvents(0)).hasMessageContaining("limit: 0");
    }

    private static RequestId id(String value) {
        return new RequestId(TextNode.valueOf(value));
    }
}
