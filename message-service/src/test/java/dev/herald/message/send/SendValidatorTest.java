package dev.herald.message.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SendValidatorTest {

    private final SendValidator validator = new SendValidator(new SendLimits(3, 10, 5, 8));

    @Test
    void acceptsAValidRequestAndDeduplicatesReceiversInOrder() {
        assertThat(validator.validate(send(List.of("b", "a", "b"), "hi"))).containsExactly("b", "a");
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
