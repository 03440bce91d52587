package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * "Acked means stored", as a property over generated input: sends whose text spans Unicode (control characters,
 * NUL, lone surrogates, 4-byte characters, right-to-left marks, noncharacters) and lengths at each limit ± 1 go
 * through the real gateway; every send is acked exactly when it can be stored, every acked message is stored
 * byte for byte, and a refused one names its field and is not stored. The seed is printed; rerun one with
 * {@code -Dherald.seed=N}.
 */
class StorableTextIT {

    private static final int SENDS = 150;
    private static final JsonMapper escaping = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build(); // lone surrogates travel as \\uXXXX escapes

    /** What one generated send carried. */
    record Sent(String body, String title, String type, String clientId) {}

    @Test
    void everySendIsAckedExactlyWhenItCanBeStoredAndStoredByteForByte() throws Exception {
        long seed = Long.getLong("herald.seed", new Random().nextLong());
        System.out.println("StorableTextIT seed " + seed);
        UnicodeText text = new UnicodeText(new Random(seed));
        try (HeraldStack stack = HeraldStack.start(Map.of())) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String receiver = "receiver-" + suffix;
            String sender = "sender-" + suffix;
            // An identity provider's long display name: stored cut at 1,024 code points, never refused.
            String longName = "\uD835\uDC9C" + "n".repeat(1_100);
            stack.online(receiver, "Receiver").close();
            Map<String, Sent> acked = new java.util.HashMap<>();
            int refused = 0;
            try (WsClient client = stack.online(sender, longName)) {
                for (int i = 0; i < SENDS; i++) {
                    Sent sent = new Sent(text.body(), text.title(), text.type(), i + ":" + text.clientId());
                    JsonNode reply = send(client, i, receiver, sent);
                    boolean storable = Storable.check(sent);
                    if (reply.path("event").asText().equals("ack")) {
                        assertThat(storable).as("acked but cannot be stored: %s (seed %s)", sent, seed).isTrue();
                        acked.put(reply.path("data").path("id").asText(), sent);
                    } else {
                        assertThat(storable).as("refused but storable: %s -> %s (seed %s)", sent, reply, seed)
                                .isFalse();
                        assertThat(reply.path("data").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
                        assertThat(reply.path("data").path("field").asText())
                                .isIn("body", "title", "type", "clientId");
                        refused++;
                    }
                }
            }
            System.out.println("StorableTextIT: " + acked.size() + " acked, " + refused + " refused");
            // Both sides of the property are exercised whatever the seed.
            assertThat(acked).as("sends acked").hasSizeGreaterThan(SENDS / 6);
            assertThat(refused).as("sends refused").isGreaterThan(SENDS / 20);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> storedCount(stack, sender) >= acked.size());
            assertThat(storedCount(stack, sender)).as("rows of the sender: only the acked ones").isEqualTo(acked.size());
            try (Connection sql = stack.sql(); PreparedStatement select = sql.prepareStatement(
                    "select body, title, type, client_id, sender_name from messages where id = ?::uuid")) {
                for (Map.Entry<String, Sent> message : acked.entrySet()) {
                    select.setString(1, message.getKey());
                    try (ResultSet row = select.executeQuery()) {
                        assertThat(row.next()).isTrue();
                        Sent sent = message.getValue();
                        assertThat(new Sent(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
                                .as("stored as acked (seed %s)", seed).isEqualTo(sent);
                        assertThat(row.getString(5)).isEqualTo(longName.substring(0, longName.offsetByCodePoints(0, 1024)));
                    }
                }
            }
        }
    }

    private static JsonNode send(WsClient client, int i, String receiver, Sent sent) {
        ObjectNode data = escaping.createObjectNode().put("body", sent.body()).put("title", sent.title())
                .put("type", sent.type()).put("clientId", sent.clientId());
        data.putArray("receivers").add(receiver);
        ObjectNode frame = escaping.createObjectNode().put("event", "message").put("id", "p" + i);
        frame.set("data", data);
        try {
            client.sendText(escaping.writeValueAsString(frame));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return client.await(f -> ("p" + i).equals(f.path("id").asText()), Duration.ofSeconds(10));
    }

    private static int storedCount(HeraldStack stack, String sender) throws Exception {
        try (Connection sql = stack.sql();
             PreparedStatement count = sql.prepareStatement("select count(*) from messages where sender_id = ?")) {
            count.setString(1, sender);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** The oracle: what the schema can hold and the documented limits allow, written apart from the service's code. */
    private static final class Storable {

        static boolean check(Sent sent) {
            return !sent.body().isBlank() && unicode(sent.body()) && utf8(sent.body()) <= 32_768
                    && unicode(sent.title()) && codePoints(sent.title()) <= 256
                    && unicode(sent.type()) && codePoints(sent.type()) <= 255
                    && unicode(sent.clientId()) && codePoints(sent.clientId()) <= 128;
        }

        /** No NUL, and encodes to UTF-8 and back unchanged (no lone surrogate). */
        private static boolean unicode(String value) {
            return value.indexOf('\0') < 0 && new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.UTF_8).equals(value);
        }

        private static int utf8(String value) {
            return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }

        private static int codePoints(String value) {
            return value.codePointCount(0, value.length());
        }
    }

    /** Text across Unicode, with lengths around the limits. */
    private static final class UnicodeText {

        private static final String[] PIECES = {
                "a", "Z", " ", "\t", "\n", "\u0001", "\u001f", "\u007f", "\u0000", "é", "€", "\u200f", "\u202e",
                "\u0301", "\ufeff", "\ufffe", "\uffff", "\ue000", "\uD83D\uDE00", "\uD834\uDD1E", "\uD800", "\uDC00",
                "\uDBFF", "日本", "\u05d0", "\\", "\"", "<"};
        private final Random random;

        UnicodeText(Random random) {
            this.random = random;
        }

        String body() {
            return switch (random.nextInt(6)) {
                case 0 -> "x".repeat(32_768 - 4 + random.nextInt(3)) + "\uD83D\uDE00"; // 32,768..32,770 bytes (limit 32,768)
                case 1 -> " ".repeat(random.nextInt(3));
                default -> mixed(1 + random.nextInt(40));
            };
        }

        String title() {
            return random.nextInt(5) == 0 ? "\uD83D\uDE00".repeat(255 + random.nextInt(3)) : mixed(random.nextInt(12));
        }

        String type() {
            return random.nextInt(5) == 0 ? "t".repeat(254 + random.nextInt(3)) : mixed(random.nextInt(6));
        }

        String clientId() {
            // The caller prefixes "<i>:" (2 to 4 characters), so these straddle the 128 limit.
            return random.nextInt(5) == 0 ? "c".repeat(122 + random.nextInt(6)) : mixed(random.nextInt(6));
        }

        private String mixed(int pieces) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                // NUL and lone surrogates rarely, so that most sends are storable.
                String piece = PIECES[random.nextInt(PIECES.length)];
                if ((piece.equals("\u0000") || piece.length() == 1 && Character.isSurrogate(piece.charAt(0)))
                        && random.nextInt(8) != 0) {
                    piece = "b";
                }
                text.append(piece);
            }
            return text.toString();
        }
    }
}
