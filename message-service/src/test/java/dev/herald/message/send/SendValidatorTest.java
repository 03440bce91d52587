package dev.herald.message.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SendValidatorTest {

    private final SendValidator validator = new SendValidator(new SendLimits(3, 10, 5, 8));

    @Test
    void acceptsAValidRequestAndDeduplicatesReceiversInOrder() {
        assertThat(validator.validate(send(List.of("b", "a", "b"), "hi")))
                .isEqualTo(new Audience.Receivers(List.of("b", "a")));
    }

    @Test
    void rejectsEmptyReceivers() {
        assertInvalid(send(List.of(), "hi"), "receivers", "receivers must not be empty");
    }

    @Test
    void rejectsABlankReceiverId() {
        assertInvalid(send(List.of(" "), "hi"), "receivers", "empty id");
    }

    @Test
    void rejectsTooManyReceivers() {
        assertInvalid(send(List.of("a", "b", "c", "d"), "hi"), "receivers", "too many receivers: 4 (at most 3)");
    }

    @Test
    void rejectsAnEmptyOrBlankBody() {
        assertInvalid(send(List.of("a"), ""), "body", "body must not be empty");
        assertInvalid(send(List.of("a"), "  "), "body", "body must not be empty");
    }

    @Test
    void measuresTheBodyInUtf8Bytes() {
        // 4 characters, 12 bytes.
        assertInvalid(send(List.of("a"), "€€€€"), "body", "body too large: 12 bytes");
    }

    @Test
    void rejectsALongTitleAndClientId() {
        assertInvalid(new SendCommand(List.of("a"), "123456", "x", "", "", ""), "title", "title too long");
        assertInvalid(new SendCommand(List.of("a"), "", "x", "", "123456789", ""), "clientId", "clientId too long");
    }

    @Test
    void refusesWhatPostgresqlTextCannotHoldNamingTheField() {
        assertInvalid(send(List.of("a"), "nul \u0000 inside"), "body", "body must not contain the NUL character");
        assertInvalid(new SendCommand(List.of("a"), "t\u0000", "x", "", "", ""), "title", "NUL");
        assertInvalid(new SendCommand(List.of("a"), "", "x", "t\u0000", "", ""), "type", "NUL");
        assertInvalid(new SendCommand(List.of("a"), "", "x", "", "c\u0000", ""), "clientId", "NUL");
        assertInvalid(send(List.of("b\u0000"), "hi"), "receivers", "NUL");
        assertInvalid(send(List.of("a"), "lone \ud800 high"), "body", "lone surrogate");
        assertInvalid(send(List.of("a"), "lone \udc00 low"), "body", "lone surrogate");
        assertInvalid(send(List.of("a"), "reversed \udc00\ud800"), "body", "lone surrogate");
        assertInvalid(new SendCommand(List.of("a"), "\ud83d", "x", "", "", ""), "title", "lone surrogate");
    }

    @Test
    void countsLengthsInCodePointsAsPostgresqlDoes() {
        String fourByteChars = "\uD83D\uDE00".repeat(5); // 5 code points, 10 UTF-16 units
        assertThat(validator.validate(new SendCommand(List.of("a"), fourByteChars, "x", "", "", "")))
                .isInstanceOf(Audience.Receivers.class);
        assertInvalid(new SendCommand(List.of("a"), fourByteChars + "!", "x", "", "", ""), "title",
                "title too long: 6 characters (at most 5)");
        assertThat(validator.validate(send(List.of("\uD83D\uDE00".repeat(255)), "hi")))
                .isEqualTo(new Audience.Receivers(List.of("\uD83D\uDE00".repeat(255))));
        assertInvalid(send(List.of("r".repeat(256)), "hi"), "receivers", "a receiver id is too long: 256 characters");
        assertThat(validator.validate(new SendCommand(List.of("a"), "", "x", "t".repeat(255), "", "")))
                .isInstanceOf(Audience.Receivers.class);
        assertInvalid(new SendCommand(List.of("a"), "", "x", "t".repeat(256), "", ""), "type",
                "type too long: 256 characters (at most 255)");
    }

    @Test
    void takesExactlyOneOfReceiversAndARoom() {
        String room = UUID.randomUUID().toString();
        assertThat(validator.validate(new SendCommand(List.of(), room, "", "hi", "", "", "")))
                .isEqualTo(new Audience.Room(UUID.fromString(room)));
        assertInvalid(new SendCommand(List.of("a"), room, "", "hi", "", "", ""), "room_id", "not both");
        assertInvalid(new SendCommand(List.of(), "", "", "hi", "", "", ""), "receivers", "must not be empty");
    }

    @Test
    void rejectsARoomIdThatIsNoUuid() {
        assertInvalid(new SendCommand(List.of(), "1-2-3-4-5", "", "hi", "", "", ""), "room_id", "must be a room id");
        assertInvalid(new SendCommand(List.of(), "general", "", "hi", "", "", ""), "room_id", "must be a room id");
    }

    @Test
    void checksTheBodyOfARoomMessageToo() {
        assertInvalid(new SendCommand(List.of(), UUID.randomUUID().toString(), "", " ", "", "", ""), "body",
                "body must not be empty");
    }

    private static SendCommand send(List<String> receivers, String body) {
        return new SendCommand(receivers, "", body, "", "", "");
    }

    private void assertInvalid(SendCommand request, String field, String message) {
        AbstractThrowableAssert<?, ?> thrown = assertThatThrownBy(() -> validator.validate(request))
                .isInstanceOf(HeraldException.InvalidArgument.class)
                .hasMessageContaining(message);
        thrown.extracting(e -> ((HeraldException) e).field()).isEqualTo(field);
    }
}
