package dev.herald.message.idempotency;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The stored message a sender sent with a clientId, if any (served by a unique index). */
final class SelectMessageByClientId implements Function<DSLContext, Optional<ClientIdClaim>> {

    private final String senderId;
    private final String clientId;

    SelectMessageByClientId(String senderId, String clientId) {
        this.senderId = senderId;
        this.clientId = clientId;
    }

    @Override
    public Optional<ClientIdClaim> apply(DSLContext dsl) {
        return dsl.select(MESSAGES.ID, MESSAGES.CREATED_AT)
                .from(MESSAGES)
                .where(MESSAGES.SENDER_ID.eq(senderId), MESSAGES.CLIENT_ID.eq(clientId))
                .fetchOptional()
                .map(r -> new ClientIdClaim(r.value1(), r.value2().toInstant(), ClientIdClaim.Progress.STORED, 0));
    }

    @Override
    public String toString() {
        return "SelectMessageByClientId{sender=" + senderId + "}";
    }
}
