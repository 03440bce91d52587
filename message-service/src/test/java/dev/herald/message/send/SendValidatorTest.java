package dev.herald.message.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import dev.herald.proto.v1.SendRequest;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SendValidatorTest {

    private final SendValidator validator = new SendValidator(new SendLimits(3, 10, 5, 8));

    @Test
    void acceptsAValidRequestAndDeduplicatesReceiversInOrder() {
        var request = SendRequest.newBuilder().addReceivers("b").addReceivers("a").addReceivers("b").setBody("hi").build();

        assertThat(validator.validate(request)).containsExactly("b", "a");
    }

    @Test
    void rejectsEmptyReceivers() {
        assertInvalid(SendRequest.newBuilder().setBody("hi"), "receivers", "receivers must not be empty");
    }

    @Test
    void rejectsABlankReceiverId() {
        assertInvalid(SendRequest.newBuilder().addReceivers(" ").setBody("hi"), "receivers", "empty id");
    }

    @Test
    void rejectsTooManyReceivers() {
        assertInvalid(SendRequest.newBuilder().addReceivers("a").addReceivers("b").addReceivers("c")
                .addReceivers("d").setBody("hi"), "receivers", "too many receivers: 4 (at most 3)");
    }

    @Test
    void rejectsAnEmptyOrBlankBody() {
        assertInvalid(SendRequest.newBuilder().addReceivers("a"), "body", "body must not be empty");
        assertInvalid(SendRequest.newBuilder().addReceivers("a").setBody("  "), "body", "body must not be empty");
    }

    @Test
    void measuresTheBodyInUtf8Bytes() {
        // 4 characters, 12 bytes.
        assertInvalid(SendRequest.newBuilder().addReceivers("a").setBody("€€€€"), "body", "body too large: 12 bytes");
    }

    @Test
    void rejectsALongTitleAndClientId() {
        assertInvalid(SendRequest.newBuilder().addReceivers("a").setBody("x").setTitle("123456"), "title", "title too long");
        assertInvalid(SendRequest.newBuilder().addReceivers("a").setBody("x").setClientId("123456789"), "clientId",
                "clientId too long");
    }

    private void assertInvalid(SendRequest.Builder request, String field, String message) {
        AbstractThrowableAssert<?, ?> thrown = assertThatThrownBy(() -> validator.validate(request.build()))
                .isInstanceOf(HeraldException.InvalidArgument.class)
                .hasMessageContaining(message);
        thrown.extracting(e -> ((HeraldException) e).field()).isEqualTo(field);
    }
}
