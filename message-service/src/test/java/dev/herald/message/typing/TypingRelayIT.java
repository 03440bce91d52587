package dev.herald.message.typing;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import dev.herald.message.presence.Audiences;
import dev.herald.message.room.RoomAccess;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredAudience;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.TypingNotice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Typing: relayed to the other participants' gateways, throttled per caller and conversation, never to strangers. */
class TypingRelayIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private final StoredAudience audience = new StoredAudience(backend.dsl());
    private final MutableClock clock = new MutableClock(Instant.now());
    private TypingRelay relay;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void relay() {
        relay = new TypingRelay(new Audiences(backend.queries(), backend.consistency(), Clock.systemUTC(), Duration.ofSeconds(30), 1000),
                new RoomAccess(backend.queries(), backend.consistency()), backend.router(), clock);
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
    }

    @Test
    void threeCallsWithinTwoSecondsAreOneDelivery() {
        backend.rows().message(bob).to(alice).store();
        Gateway bobs = backend.links().open(bob);

        relay.typing(alice, bob, "");
        clock.advance(Duration.ofMillis(900));
        relay.typing(alice, bob, "");
        clock.advance(Duration.ofMillis(1000));
        relay.typing(alice, bob, "");
        clock.advance(Duration.ofMillis(100)); // 2 s after the first: forwarded again
        relay.typing(alice, bob, "");

        // Deliveries to a gateway keep their order: the second one came after any extra would have.
        assertThat(bobs.awaitDeliveries(2)).hasSize(2).allSatisfy(delivery -> {
            assertThat(delivery.getRecipientIdsList()).containsExactly(bob);
            assertThat(delivery.getTyping()).isEqualTo(TypingNotice.newBuilder().setFromUserId(alice).build());
        });
    }

    @Test
    void typingInARoomReachesTheOtherMembersGatewaysNotTheCallers() {
        UUID room = audience.room(alice, bob, carol);
        Gateway alices = backend.links().open(alice);
        Gateway bobs = backend.links().open(bob);
        Gateway carols = backend.links().open(carol);

        relay.typing(alice, "", room.toString());
        relay.typing(bob, "", room.toString()); // then alice hears bob: hers would have come first

        TypingNotice fromAlice = TypingNotice.newBuilder().setFromUserId(alice).setRoomId(room.toString()).build();
        assertThat(bobs.awaitDeliveries(1).getFirst().getTyping()).isEqualTo(fromAlice);
        assertThat(carols.awaitDeliveries(2).stream().map(Delivery::getTyping)).contains(fromAlice);
        assertThat(alices.awaitDeliveries(1)).singleElement()
                .satisfies(delivery -> assertThat(delivery.getTyping().getFromUserId()).isEqualTo(bob));
    }

    @Test
    void typingToSomeoneOutsideTheAudienceIsNotFound() {
        backend.links().open(bob);

        assertThatThrownBy(() -> relay.typing(alice, bob, ""))
                .isInstanceOfSatisfying(HeraldException.NotFound.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void typingToARoomTheCallerIsNotInIsNotFound() {
        UUID room = audience.room(bob, carol);

        assertThatThrownBy(() -> relay.typing(alice, "", room.toString()))
                .isInstanceOfSatisfying(HeraldException.NotFound.class,
                        e -> assertThat(e.field()).isEqualTo("room_id"));
    }

    @Test
    void exactlyOneOfToAndRoomIsRequired() {
        assertThatThrownBy(() -> relay.typing(alice, bob, UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> relay.typing(alice, "", ""))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("to"));
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
