package dev.herald.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.client.SocketPool;
import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.measure.Histogram;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.measure.TrafficCounts;
import dev.herald.bench.protocol.HeraldProtocol;
import dev.herald.bench.report.ConnectReport;
import dev.herald.bench.report.WorkerReport;
import dev.herald.bench.testing.HeraldStubServer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Real sockets: the generator's client, worker and scenarios against an in-test Herald stub. */
class WorkerSocketTest {

    private static final int USERS = 20;

    @Test
    void directRunDeliversEveryMessageOnceAndRecordsLatency() throws Exception {
        try (HeraldStubServer server = HeraldStubServer.start()) {
            final WorkerReport report = run(server, Mode.DIRECT, 1, 200, List.of());
            assertThat(report.connect().established()).isEqualTo(USERS);
            final TrafficCounts traffic = report.phase().traffic();
            assertThat(traffic.sent()).isEqualTo(200);
            assertThat(traffic.acked()).isEqualTo(200);
            assertThat(traffic.expectedDeliveries()).isEqualTo(200);
            assertThat(traffic.delivered()).isEqualTo(traffic.sent());
            assertThat(traffic.duplicates()).isZero();
            assertThat(traffic.errors()).isZero();
            assertThat(traffic.mustStoreCount()).isEqualTo(200);
            assertThat(Histogram.of(traffic.latencyMicros()).count()).isEqualTo(200);
            assertThat(Histogram.of(traffic.latencyMicros()).max()).isPositive();
            assertThat(Histogram.of(traffic.ackLatencyMicros()).count()).isEqualTo(200);
            assertThat(report.phase().stillOpen()).isEqualTo(USERS);
            assertThat(server.messages()).isEqualTo(200);
        }
    }

    @Test
    void fanoutOverTwoSourceAddresses() throws Exception {
        try (HeraldStubServer server = HeraldStubServer.start()) {
            final WorkerReport report = run(server, Mode.FANOUT, 5, 40,
                                            List.of(InetAddress.getByName("127.0.0.1"),
                                                    InetAddress.getByName("127.0.0.2")));
            final TrafficCounts traffic = report.phase().traffic();
            assertThat(traffic.sent()).isEqualTo(40);
            assertThat(traffic.expectedDeliveries()).isEqualTo(200);
            assertThat(traffic.delivered()).isEqualTo(200);
            assertThat(traffic.duplicates()).isZero();
        }
    }

    @Test
    void socketsAreSpreadOverSeveralServers() throws Exception {
        final HeraldProtocol protocol = new HeraldProtocol(new ObjectMapper());
        try (HeraldStubServer first = HeraldStubServer.start(); HeraldStubServer second = HeraldStubServer.start()) {
            final SocketPool pool = new SocketPool(List.of(first.url(), second.url()), List.of(), protocol,
                                                   Ticker.system());
            try (Worker worker = new Worker(plan(Mode.CONNECT, 1, 0), protocol, pool, Ticker.system())) {
                final ConnectReport connect = worker.connect(users(9));

                assertThat(connect.established()).isEqualTo(9);
                assertThat(first.online()).isEqualTo(5);
                assertThat(second.online()).isEqualTo(4);
            }
        }
    }

    @Test
    void duplicateDeliveriesAreCountedNotDelivered() throws Exception {
        try (HeraldStubServer server = HeraldStubServer.startDuplicating(10)) {
            final TrafficCounts traffic = run(server, Mode.DIRECT, 1, 100, List.of()).phase().traffic();
            assertThat(traffic.delivered()).isEqualTo(100);
            assertThat(traffic.duplicates()).isEqualTo(10);
        }
    }

    @Test
    void socketsThatCannotConnectAreCountedAsFailed() throws Exception {
        final HeraldProtocol protocol = new HeraldProtocol(new ObjectMapper());
        final SocketPool pool = new SocketPool(List.of(URI.create("ws://127.0.0.1:1/ws")), List.of(), protocol,
                                               Ticker.system());
        try (Worker worker = new Worker(plan(Mode.CONNECT, 1, 0), protocol, pool, Ticker.system())) {
            final ConnectReport connect = worker.connect(users(3));
            assertThat(connect.established()).isZero();
            assertThat(connect.failed()).isEqualTo(3);
            assertThat(connect.failureKinds()).containsKey("cannot open: ConnectException");
        }
    }

    private static WorkerReport run(HeraldStubServer server, Mode mode, int fanout, int messages,
                                    List<InetAddress> sources) throws Exception {
        final HeraldProtocol protocol = new HeraldProtocol(new ObjectMapper());
        final SocketPool pool = new SocketPool(List.of(server.url()), sources, protocol, Ticker.system());
        try (Worker worker = new Worker(plan(mode, fanout, messages), protocol, pool, Ticker.system())) {
            worker.connect(users(USERS));
            return worker.runPhase();
        }
    }

    private static WorkerPlan plan(Mode mode, int fanout, int messages) {
        return new WorkerPlan(mode, "test-run", 0, 1, 0, USERS, 5, messages, 400, fanout, Duration.ZERO, 64, 8, 0,
                              Duration.ofSeconds(20), 11);
    }

    private static List<BenchUser> users(int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> new BenchUser("u" + i, "u" + i, HeraldStubServer.tokenOf("u" + i)))
                .toList();
    }
}
