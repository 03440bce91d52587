package dev.herald.message.limits;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import dev.herald.message.auth.Callers;
import dev.herald.message.error.HeraldException;
import dev.herald.message.error.StatusMapper;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what each caller may cost this instance, keyed by the id of its verified token (never anything the
 * client sends): a token bucket per user for sends and one for reads ({@link CallKind}), and a bound on the
 * caller's calls in flight, so one caller cannot fill the instance's executor and connection pool. A call over
 * a limit is answered at once with RESOURCE_EXHAUSTED, with a {@code RetryInfo} giving the wait when a bucket
 * was empty; it takes nothing from the caller's limits. A user gets the same limits whether its calls come from
 * a gateway (which calls with the user's token) or directly; each instance counts on its own, so with N
 * instances behind the gateways a user may get up to N times the rate. Must run after the bearer interceptor.
 */
public final class CallerLimitInterceptor implements ServerInterceptor {

    /** Callers whose buckets are held at once, per kind (about 150 bytes each). */
    static final int MAX_CALLERS = 100_000;

    private static final Logger logger = LoggerFactory.getLogger(CallerLimitInterceptor.class);

    private final Map<CallKind, UserBuckets> buckets = new EnumMap<>(CallKind.class);
    private final CallerConcurrency concurrency;
    private final StatusMapper statusMapper;
    /** {@code herald_rate_limit_refusals_total} by {@code limit}: {@code send}, {@code read} or {@code concurrency}. */
    private final Map<CallKind, Counter> bucketRefusals = new EnumMap<>(CallKind.class);
    private final Counter concurrencyRefusals;

    public CallerLimitInterceptor(CallerLimits limits, StatusMapper statusMapper, Ticker ticker,
            MeterRegistry registry) {
        this(limits, MAX_CALLERS, statusMapper, ticker, registry);
    }

    CallerLimitInterceptor(CallerLimits limits, int maxCallers, StatusMapper statusMapper, Ticker ticker,
            MeterRegistry registry) {
        requireNonNull(limits, "limits");
        for (CallKind kind : CallKind.values()) {
            buckets.put(kind, new UserBuckets(limits.rate(kind), maxCallers, ticker));
            bucketRefusals.put(kind, refusals(registry, kind.name().toLowerCase(Locale.ROOT)));
        }
        this.concurrencyRefusals = refusals(registry, "concurrency");
        this.concurrency = new CallerConcurrency(limits.maxConcurrent());
        this.statusMapper = requireNonNull(statusMapper, "statusMapper");
    }

    /**
     * {@code service} behind this interceptor; fails at startup if one of its methods has no {@link CallKind},
     * so a new RPC cannot go unlimited by oversight.
     */
    public ServerServiceDefinition guard(ServerServiceDefinition service) {
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            if (CallKind.of(method.getMethodDescriptor()).isEmpty()) {
                throw new IllegalArgumentException("method: " + method.getMethodDescriptor().getFullMethodName()
                        + " (expected: listed in CallKind)");
            }
        }
        return ServerInterceptors.intercept(service, this);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String callerId = Callers.current().id();
        CallKind kind = CallKind.of(call.getMethodDescriptor()).orElseThrow(); // checked by guard
        if (!concurrency.tryAcquire(callerId)) {
            concurrencyRefusals.increment();
            return refuse(call, callerId, new HeraldException.ResourceExhausted(
                    "too many calls in flight for this caller: at most " + concurrency.maxPerCaller(), null));
        }
        long waitNanos = buckets.get(kind).tryTake(callerId);
        if (waitNanos > 0) {
            concurrency.release(callerId);
            bucketRefusals.get(kind).increment();
            Duration wait = Duration.ofNanos(waitNanos);
            return refuse(call, callerId, new HeraldException.ResourceExhausted(
                    "too many " + kind.plural() + " for this user: retry after " + roundUpToMillis(wait) + " ms",
                    wait));
        }
        Runnable release = releaseOnce(callerId);
        try {
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                    next.startCall(call, headers)) {
                @Override
                public void onComplete() {
                    release.run();
                    super.onComplete();
                }

                @Override
                public void onCancel() {
                    release.run();
                    super.onCancel();
                }
            };
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private static Counter refusals(MeterRegistry registry, String limit) {
        return Counter.builder("herald_rate_limit_refusals")
                .description("Calls refused with RESOURCE_EXHAUSTED by a caller's limits, per limit")
                .tag("limit", limit)
                .register(registry);
    }

    private Runnable releaseOnce(String callerId) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                concurrency.release(callerId);
            }
        };
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String callerId,
            HeraldException.ResourceExhausted refusal) {
        // DEBUG: a flooding caller would otherwise write a line per refused call.
        logger.atDebug().addKeyValue("userId", callerId)
                .addKeyValue("method", call.getMethodDescriptor().getFullMethodName())
                .log("call refused: {}", refusal.getMessage());
        StatusRuntimeException status = statusMapper.toStatus(refusal);
        call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
        return new ServerCall.Listener<>() {};
    }

    static long roundUpToMillis(Duration wait) {
        return Math.ceilDiv(wait.toNanos(), 1_000_000L);
    }
}
