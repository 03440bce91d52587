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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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

    private final CallerAdmission admission;
    private final StatusMapper statusMapper;

    public CallerLimitInterceptor(CallerLimits limits, StatusMapper statusMapper, Ticker ticker,
            MeterRegistry registry) {
        this(new CallerAdmission(limits, ticker, registry), statusMapper);
    }

    CallerLimitInterceptor(CallerLimits limits, int maxCallers, StatusMapper statusMapper, Ticker ticker,
            MeterRegistry registry) {
        this(new CallerAdmission(limits, maxCallers, ticker, registry), statusMapper);
    }

    /** Calls admitted by {@code admission}, which other ways in (the gateway links' sends) share. */
    public CallerLimitInterceptor(CallerAdmission admission, StatusMapper statusMapper) {
        this.admission = requireNonNull(admission, "admission");
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
        final Runnable release;
        try {
            release = admission.admit(callerId, kind);
        } catch (HeraldException.ResourceExhausted refusal) {
            return refuse(call, callerId, refusal);
        }
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
        return CallerAdmission.roundUpToMillis(wait);
    }
}
