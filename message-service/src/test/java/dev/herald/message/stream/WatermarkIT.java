package dev.herald.message.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.message.error.HeraldException;
import dev.herald.testing.NatsServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The watermark against a real nats-server: a durable consumer's ack floor versus the writes watched. */
class WatermarkIT {

    private static final Duration SHORT = Duration.ofMillis(300);

    static NatsServerProcess natsServer;
    static Connection nats;

    String stream;
    JetStream js;
    JetStreamManagement jsm;
    JetStreamSubscription worker;

    @BeforeAll
    static void startNats() throws Exception {
        natsServer = NatsServerProcess.start();
        nats = Nats.connect(natsServer.url());
    }

    @AfterAll
    static void stopNats() throws Exception {
        nats.close();
        natsServer.close();
    }

    @BeforeEach
    void stream() throws Exception {
        stream = "WM" + System.nanoTime();
        jsm = nats.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>").build());
        jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
                .durable("worker").ackPolicy(AckPolicy.Explicit).build());
        js = nats.jetStream();
        worker = js.subscribe(null, PullSubscribeOptions.bind(stream, "worker"));
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StoredWaitMeters meters = new StoredWaitMeters(registry);

    @Test
    void a_subject_watermark_does_not_wait_for_writes_on_other_subjects() throws Exception {
        js.publish(stream + ".message", new byte[] {1});
        js.publish(stream + ".user", new byte[] {2});
        storeNext(1); // The worker has stored the message, not yet the directory write after it.

        Watermark messages = watermark(List.of(stream + ".message", stream + ".update"));
        Watermark everything = new Watermark(jsm, stream, "worker", meters);

        assertThat(messages.lastWritten()).isEqualTo(1);
        assertThat(messages.awaitEarlierWrites(SHORT)).isTrue();
        assertThat(everything.lastWritten()).isEqualTo(2);
        assertThat(everything.awaitEarlierWrites(SHORT)).isFalse();

        storeNext(1);
        assertThat(everything.awaitEarlierWrites(SHORT)).isTrue();
        assertThat(registry.get("herald_stored_wait_duration_seconds").timer().count()).isEqualTo(3);
        assertThat(registry.get("herald_stored_wait_timeouts").counter().count()).isEqualTo(1);
    }

    @Test
    void a_subject_watermark_waits_for_an_unstored_write_on_its_subjects() throws Exception {
        js.publish(stream + ".user", new byte[] {1});
        js.publish(stream + ".update", new byte[] {2});
        storeNext(1);

        Watermark messages = watermark(List.of(stream + ".message", stream + ".update"));

        assertThat(messages.lastWritten()).isEqualTo(2);
        assertThat(messages.awaitEarlierWrites(SHORT)).isFalse();
        storeNext(1);
        assertThat(messages.awaitEarlierWrites(SHORT)).isTrue();
    }

    @Test
    void subjects_never_written_are_stored_already() throws Exception {
        js.publish(stream + ".user", new byte[] {1});

        Watermark messages = watermark(List.of(stream + ".message", stream + ".update"));

        assertThat(messages.lastWritten()).isZero();
        assertThat(messages.awaitEarlierWrites(SHORT)).isTrue();
    }

    @Test
    void nothing_is_stored_while_the_worker_has_not_created_its_durable() throws Exception {
        js.publish(stream + ".message", new byte[] {1});

        Watermark beforeTheWorker = new Watermark(jsm, stream, "not-created-yet", meters);

        assertThat(beforeTheWorker.stored()).isZero();
        assertThat(beforeTheWorker.lastWritten()).isEqualTo(1);
        assertThat(beforeTheWorker.awaitEarlierWrites(SHORT)).isFalse();
    }

    @Test
    void nothing_is_stored_while_the_stream_does_not_exist() {
        assertThat(new Watermark(jsm, "NOT_CREATED_" + stream, "worker", meters).stored()).isZero();
    }

    @Test
    void any_other_jetstream_error_is_unavailable_and_warned_once_per_interval_not_once_per_sample()
            throws Exception {
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        Logger watermarkLogger = (Logger) LoggerFactory.getLogger(Watermark.class);
        warnings.start();
        watermarkLogger.addAppender(warnings);
        try (NatsAccountWithoutJetStream server = NatsAccountWithoutJetStream.start();
                Connection refused = server.connectWithoutJetStream()) {
            Watermark watermark = new Watermark(refused.jetStreamManagement(), stream, "worker", meters);

            assertThatThrownBy(watermark::stored)
                    .isInstanceOf(HeraldException.Unavailable.class)
                    .cause().isInstanceOfSatisfying(JetStreamApiException.class,
                            e -> assertThat(e.getApiErrorCode()).isEqualTo(10039));
            // The sampler fails every few milliseconds for the whole wait.
            assertThat(watermark.awaitEarlierWrites(Duration.ofMillis(500))).isFalse();
        } finally {
            watermarkLogger.detachAppender(warnings);
        }

        assertThat(warnings.list).singleElement().satisfies(warning -> {
            assertThat(warning.getLevel()).isEqualTo(Level.WARN);
            assertThat(warning.getFormattedMessage()).isEqualTo("cannot read the persistence watermark");
            assertThat(warning.getKeyValuePairs()).extracting(pair -> pair.key + "=" + pair.value)
                    .contains("stream=" + stream, "durable=worker");
            assertThat(warning.getThrowableProxy()).isNotNull();
        });
    }

    private Watermark watermark(List<String> subjects) {
        return new Watermark(jsm, stream, "worker", subjects, meters);
    }

    /** Acks the next {@code count} messages, as the persistence-worker does after its commit. */
    private void storeNext(int count) throws Exception {
        List<Message> batch = worker.fetch(count, Duration.ofSeconds(2));
        assertThat(batch).hasSize(count);
        for (Message message : batch) {
            message.ackSync(Duration.ofSeconds(2));
        }
    }
}
