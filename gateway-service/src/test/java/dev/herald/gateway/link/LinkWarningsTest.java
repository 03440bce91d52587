package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.config.ReplyBound;
import dev.herald.gateway.protocol.ServerEvent;
import io.grpc.InsecureChannelCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a link logs while its instance stays down: one warning, not one per reconnect attempt. */
class LinkWarningsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(LinkConnection.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final ReopenCountingTimers timers = new ReopenCountingTimers();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logged);
        timers.shutdownNow();
    }

    @Test
    void attemptsThatFailWhileTheInstanceIsDownWarnOnceAndAskNoResync() throws IOException {
        String target = "127.0.0.1:" + portNobodyListensOn();
        AtomicInteger lost = new AtomicInteger();

        try (GatewayLinks links = new GatewayLinks("gw-test", List.of(target), InsecureChannelCredentials.create(),
                "secret", Duration.ofSeconds(1), ReplyBound.defaults(), timers)) {
            links.start(new DeliverySink() {
                @Override
                public void deliver(List<String> recipientIds, String originSession, ServerEvent.Pushed event) {
                }

                @Override
                public void deliverToEveryone(ServerEvent.Pushed event) {
                }

                @Override
                public void resync() {
                    lost.incrementAndGet();
                }
            });
            // 100, 200, 400 ms and so on between attempts: four failed within about two seconds.
            await().atMost(Duration.ofSeconds(30)).until(() -> timers.scheduled.get() >= 4);
        }

        assertThat(lost).as("links that never came up lose nothing").hasValue(0);
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(warning -> {
                    assertThat(warning.getFormattedMessage()).startsWith("link failed");
                    assertThat(warning.getKeyValuePairs()).extracting(kv -> kv.key, kv -> String.valueOf(kv.value))
                            .contains(tuple("target", target));
                });
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Counts the reopenings the links schedule: one per failed attempt. */
    private static final class ReopenCountingTimers extends ScheduledThreadPoolExecutor {

        final AtomicInteger scheduled = new AtomicInteger();

        ReopenCountingTimers() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.incrementAndGet();
            return super.schedule(command, delay, unit);
        }
    }
}
