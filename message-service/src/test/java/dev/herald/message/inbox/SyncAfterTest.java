package dev.herald.message.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a sync request's {@code after}: a cursor made by a reply, an old message id, or nothing. */
class SyncAfterTest {

    private static final UUID ID = UUID.fromString("019ab2c4-5e1f-7a3b-9c2d-4e5f6a7b8c9d");

    @Test
    void aCursorComesBackAsItWasMade() {
        for (SyncCursor cursor : new SyncCursor[] {new SyncCursor(0, ID), new SyncCursor(1, ID),
                new SyncCursor(Long.MAX_VALUE, new UUID(-1, -1))}) {
            String token = cursor.encode();

            assertThat(token).hasSize(34).matches("[A-Za-z0-9_-]+");
            assertThat(SyncAfter.parse(token)).isEqualTo(new SyncAfter.After(cursor));
        }
    }

    @Test
    void positionsFollowTheSequenceBeforeTheId() {
        assertThat(new SyncCursor(5, ID).encode()).isNotEqualTo(new SyncCursor(6, ID).encode());
        assertThat(SyncAfter.parse(new SyncCursor(6, ID).encode()))
                .isEqualTo(new SyncAfter.After(new SyncCursor(6, ID)));
    }

    @Test
    void emptyStartsAtTheFirstMessage() {
        assertThat(SyncAfter.parse("")).isEqualTo(new SyncAfter.FromStart());
    }

    @Test
    void aMessageIdIsStillAccepted() {
        assertThat(SyncAfter.parse(ID.toString())).isEqualTo(new SyncAfter.AfterMessage(ID));
        assertThat(SyncAfter.parse(ID.toString().toUpperCase())).isEqualTo(new SyncAfter.AfterMessage(ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "junk",
        "not a cursor at all, with spaces",
        "1-2-3-4-5",
        "019ab2c4-5e1f-7a3b-9c2d-4e5f6a7b8c9z", // 36 characters, not hex
        "AQAAAAAAAAAB", // base64url, too short
        "AgAAAAAAAAABAZqyxF4fejucLU5fanuMnQ", // version 2
        "_wAAAAAAAAABAZqyxF4fejucLU5fanuMnQ", // version 255
        "Af__________AZqyxF4fejucLU5fanuMnQ", // sequence -1
        "AQAAAAAAAAABAZqyxF4fejucLU5fanuMnQ==" // padded: 36 characters, and no message id
    })
    void anythingElseIsAnInvalidArgumentNamingAfter(String after) {
        assertThatThrownBy(() -> SyncAfter.parse(after))
                .isInstanceOfSatisfying(HeraldException.InvalidArgument.class,
                        e -> assertThat(e.field()).isEqualTo("after"))
                .hasMessage("after must be the nextAfter of a sync reply, or a message id");
    }

    @Test
    void theBadTokensAboveDifferFromAGoodOneOnlyWhereTheyClaim() {
        String good = new SyncCursor(1, ID).encode();

        assertThat(good).isEqualTo("AQAAAAAAAAABAZqyxF4fejucLU5fanuMnQ");
        assertThat(Base64.getUrlDecoder().decode(good)).hasSize(25).startsWith(1);
    }
}
