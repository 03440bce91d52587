package dev.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.awaitility.Awaitility;

/**
 * "Acked ⇔ stored, byte for byte", as a jqwik property over sends across Unicode (control characters with NUL, lone
 * surrogates, 4-byte characters, right-to-left marks) and at every limit ± 1, through the real gateway, message-service
 * and worker of one stack started for the whole property: each send is acked exactly when it can be stored, then
 * stored with body, title, type and clientId equal to what was sent in UTF-8 bytes; or it gets an {@code exception}
 * naming a field it breaks, and nothing reaches the stream. The oracle ({@link StorableSend}) is written from the
 * documented rules, apart from the service's code.
 */
class AckedIsStoredPropertyIT {

    /** Generated text is sent with every character escaped, six bytes each: frames up to about 200 KiB. */
    private static final String MAX_FRAME_BYTES = Integer.toString(1 << 20);
    /** An identity provider's long display name: stored cut at 1,024 code points, never refused. */
    private static final String LONG_NAME = "\uD835\uDC9C" + "n".repeat(1_100);

    private static HeraldStack stack;
    private static Connection nats;
    /** One connection for the whole property: opening one per query cost more than the rest of a try. */
    private static java.sql.Connection sql;
    private static WsClient sender;
    private static String senderId;
    private static String receiverId;
    private static final AtomicInteger tries = new AtomicInteger();
    private static final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private static int acked;

    @BeforeContainer
    static void startStack() throws Exception {
        // A worker that writes at once: each acked try waits for its row.
        stack = HeraldStack.start(Map.of("HERALD_MAX_FRAME_BYTES", MAX_FRAME_BYTES,
                "HERALD_WORKER_BATCH_MAX_WAIT_MS", "1"));
        nats = Nats.connect(stack.nats.url());
        sql = stack.sql();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        receiverId = "receiver-" + suffix;
        senderId = "sender-" + suffix;
        stack.online(receiverId, "Receiver").close();
        sender = stack.online(senderId, LONG_NAME);
        // Each reply completes its try's future as it arrives (polling for it cost 100 ms a try).
        sender.onEachFrame(frame -> replies.computeIfAbsent(frame.path("id").asText(), id -> new CompletableFuture<>())
                .complete(frame));
    }

    @AfterContainer
    static void stopStack() throws Exception {
        sender.close();
        sql.close();
        nats.close();
        stack.close();
    }

    @Property(tries = 200)
    void aSendIsAckedAndStoredByteForByteOrRefusedNamingItsFieldAndNeverStored(@ForAll("sends") GeneratedSend send)
            throws Exception {
        int attempt = tries.incrementAndGet();
        // A clientId of its own per try: a repeated one would be answered with an earlier try's message.
        String clientId = send.clientId().isEmpty() ? "" : StorableSend.uniquePrefix(attempt) + send.clientId();
        long publishedBefore = publishedMessages();

        CompletableFuture<JsonNode> answer = replies.computeIfAbsent("p" + attempt, id -> new CompletableFuture<>());
        sender.sendText(frame(attempt, send, clientId));
        JsonNode reply = answer.get(10, TimeUnit.SECONDS);

        List<String> broken = StorableSend.brokenFields(send, clientId);
        boolean wasAcked = reply.path("event").asText().equals("ack");
        // Whatever the seed, both sides of the property are tried often enough.
        Statistics.label("outcome").collect(wasAcked ? "acked" : "refused");
        Statistics.label("outcome").coverage(outcome -> {
            outcome.check("acked").percentage(share -> share >= 15);
            outcome.check("refused").percentage(share -> share >= 15);
        });
        if (wasAcked) {
            assertThat(broken).as("acked, but breaks a rule").isEmpty();
            acked++;
            assertStoredAsSent(reply.path("data").path("id").asText(), send, clientId);
        } else {
            assertThat(reply.path("event").asText()).isEqualTo("exception");
            assertThat(reply.path("data").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(broken).as("refused (%s), but breaks no rule", reply).isNotEmpty();
            assertThat(reply.path("data").path("field").asText()).as("the field named").isIn(broken);
            assertThat(publishedMessages()).as("messages in the stream (the worker stores what is there)")
                    .isEqualTo(publishedBefore);
            assertThat(storedMessagesOfSender()).as("rows of the sender: the acked ones").isEqualTo(acked);
        }
    }

    @Provide
    Arbitrary<GeneratedSend> sends() {
        return Combinators.combine(UnicodeArbitraries.body(StorableSend.MAX_BODY_BYTES), UnicodeArbitraries.codePoints(StorableSend.MAX_TITLE),
                        UnicodeArbitraries.codePoints(StorableSend.MAX_TYPE),
                        UnicodeArbitraries.codePoints(StorableSend.MAX_CLIENT_ID - StorableSend.PREFIX_LENGTH))
                .as(GeneratedSend::new);
    }

    /** The send as a JSON frame whose generated strings have every character escaped (lone surrogates need it). */
    private static String frame(int attempt, GeneratedSend send, String clientId) {
        return "{\"event\":\"message\",\"id\":\"p" + attempt + "\",\"data\":{\"receivers\":[\"" + receiverId
                + "\"],\"body\":\"" + escaped(send.body()) + "\",\"title\":\"" + escaped(send.title())
                + "\",\"type\":\"" + escaped(send.type()) + "\",\"clientId\":\"" + escaped(clientId) + "\"}}";
    }

    private static String escaped(String text) {
        StringBuilder json = new StringBuilder(text.length() * 6);
        for (int i = 0; i < text.length(); i++) {
            String hex = Integer.toHexString(text.charAt(i));
            json.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
        }
        return json.toString();
    }

    private static void assertStoredAsSent(String id, GeneratedSend send, String clientId) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> count("select count(*) from messages where id = ?::uuid", id) == 1);
        try (PreparedStatement select = sql.prepareStatement(
                "select body, title, type, client_id, sender_name from messages where id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(utf8(row.getString(1))).as("body").isEqualTo(utf8(send.body()));
                assertThat(utf8(row.getString(2))).as("title").isEqualTo(utf8(send.title()));
                assertThat(utf8(row.getString(3))).as("type").isEqualTo(utf8(send.type()));
                assertThat(utf8(row.getString(4) == null ? "" : row.getString(4))).as("clientId")
                        .isEqualTo(utf8(clientId));
                assertThat(row.getString(5)).isEqualTo(LONG_NAME.substring(0, LONG_NAME.offsetByCodePoints(0, 1024)));
            }
        }
    }

    private static long count(String query, String parameter) throws Exception {
        try (PreparedStatement select = sql.prepareStatement(query)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    private static long publishedMessages() throws Exception {
        JetStreamManagement jsm = nats.jetStreamManagement();
        String subject = stack.env.get("HERALD_NATS_SUBJECT_PREFIX") + ".message";
        List<Subject> subjects = jsm.getStreamInfo(stack.env.get("HERALD_NATS_STREAM"),
                StreamInfoOptions.filterSubjects(subject)).getStreamState().getSubjects();
        return subjects == null ? 0 : subjects.stream().mapToLong(Subject::getCount).sum();
    }

    private static long storedMessagesOfSender() throws Exception {
        return count("select count(*) from messages where sender_id = ?", senderId);
    }
}
