package dev.herald.message.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.observability.trace.Traceparent;
import dev.herald.proto.v1.MessageServiceGrpc;
import dev.herald.proto.v1.SendRequest;
import dev.herald.proto.v1.SendResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The interceptor over gRPC (in-process), with the handlers on a thread of their own as in the service. */
class TraceInterceptorTest {

    private static final String SENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final ExecutorService handlerThread = Executors.newSingleThreadExecutor();
    private final AtomicReference<@Nullable Traceparent> inContext = new AtomicReference<>();
    private final AtomicReference<@Nullable String> inMdc = new AtomicReference<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).executor(handlerThread)
                .intercept(new TraceInterceptor())
                .addService(new MessageServiceGrpc.MessageServiceImplBase() {
                    @Override
                    public void send(SendRequest request, StreamObserver<SendResponse> response) {
                        inContext.set(CallTrace.current());
                        inMdc.set(MDC.get("trace_id"));
                        response.onNext(SendResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        handlerThread.shutdownNow();
    }

    @Test
    void aCallContinuesItsTraceparentWithItsOwnSpan() throws Exception {
        send(SENT);

        Traceparent trace = inContext.get();
        assertThat(trace).isNotNull();
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(trace.flags()).isEqualTo("01");
        assertThat(inMdc.get()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aCallWithoutOneOrWithAnInvalidOneStartsANewTrace() throws Exception {
        send(null);
        Traceparent first = inContext.get();
        send("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-and-more");
        Traceparent second = inContext.get();

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(second.traceId()).isNotEqualTo(first.traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(inMdc.get()).isEqualTo(second.traceId());
    }

    @Test
    void theHandlersThreadKeepsNoTraceAfterTheCall() throws Exception {
        send(SENT);

        assertThat(handlerThread.submit(() -> MDC.get("trace_id")).get()).isNull();
        assertThat(handlerThread.submit(CallTrace::current).get()).isNull();
    }

    private void send(@Nullable String traceparent) {
        Metadata headers = new Metadata();
        if (traceparent != null) {
            headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), traceparent);
        }
        MessageServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .send(SendRequest.getDefaultInstance());
    }
}
