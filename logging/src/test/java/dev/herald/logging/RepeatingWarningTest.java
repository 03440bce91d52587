package dev.herald.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatingWarningTest {

    private final AtomicLong now = new AtomicLong();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final RepeatingWarning warning;

    RepeatingWarningTest() {
        Logger logger = new LoggerContext().getLogger("test");
        logged.start();
        logger.addAppender(logged);
        warning = new RepeatingWarning(logger, Duration.ofSeconds(10), now::get);
    }

    @Test
    void theFirstIsLoggedThenACountPerInterval() {
        warning.warn(e -> e.addKeyValue("stream", "S").log("NATS unreachable"));
        for (int i = 0; i < 500; i++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            warning.warn(e -> e.log("NATS unreachable"));
        }

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.getFirst().getKeyValuePairs()).extracting(kv -> kv.key).containsExactly("stream");

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        warning.warn(e -> e.log("NATS unreachable"));

        assertThat(logged.list).hasSize(2);
        assertThat(logged.list.get(1).getKeyValuePairs())
                .singleElement().satisfies(kv -> {
                    assertThat(kv.key).isEqualTo("suppressed");
                    assertThat(kv.value).isEqualTo(500L);
                });
    }

    @Test
    void aWarningAfterAQuietIntervalIsLoggedAtOnceWithoutACount() {
        warning.warn(e -> e.log("first"));
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        warning.warn(e -> e.log("second"));

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("first", "second");
        assertThat(logged.list.get(1).getKeyValuePairs()).isNullOrEmpty();
    }
}
