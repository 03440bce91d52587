package dev.herald.gateway.link;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds of discovery: every interval, on a thread of its own (a DNS lookup may block for seconds, which the
 * shared timers must not), resolves the targets and hands the instances on; and, one interval after an instance left
 * the answer, retires its drained link. Only this thread uses the resolver.
 */
final class LinkDiscovery implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LinkDiscovery.class);

    private final TargetResolver resolver;
    private final Duration interval;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("herald-link-discovery").daemon().factory());

    LinkDiscovery(TargetResolver resolver, Duration interval) {
        this.resolver = requireNonNull(resolver, "resolver");
        this.interval = requireNonNull(interval, "interval");
    }

    /** Resolves now, then every interval, handing each round's instances to {@code reconcile}. */
    void start(Consumer<List<LinkTarget>> reconcile) {
        rounds.scheduleWithFixedDelay(() -> round(reconcile), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code retire} one interval from now: by then every gateway has resolved again. */
    void retireLater(LinkConnection link, Consumer<LinkConnection> retire) {
        try {
            rounds.schedule(() -> retire.accept(link), interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: the links' close() ends every link, the draining ones too.
            logger.atDebug().addKeyValue("target", link.target()).log("not draining: shutting down");
        }
    }

    @Override
    public void close() {
        rounds.shutdownNow();
    }

    private void round(Consumer<List<LinkTarget>> reconcile) {
        try {
            reconcile.accept(resolver.resolve());
        } catch (RuntimeException e) {
            // A fault in one round must not cancel the rounds that follow.
            logger.atError().setCause(e).log("message-service discovery round failed");
        }
    }
}
