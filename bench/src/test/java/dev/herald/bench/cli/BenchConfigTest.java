package dev.herald.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.scenario.Mode;
import dev.herald.config.CommandLine.UsageException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void directDefaultsFollowTheSeedsTool() throws UsageException {
        final BenchConfig config = BenchConfig.parse(List.of(), mapper);
        assertThat(config.mode()).isEqualTo(Mode.DIRECT);
        assertThat(config.protocol().name()).isEqualTo("herald");
        assertThat(config.urls()).map(URI::toString).containsExactly("ws://127.0.0.1:8080/ws");
        assertThat(config.conns()).isEqualTo(1000);
        assertThat(config.senders()).isEqualTo(100);
        assertThat(config.rate()).isEqualTo(500);
        assertThat(config.fanout()).isEqualTo(1);
        assertThat(config.messages()).isEqualTo(10_000);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/herald?user=postgres");
        assertThat(config.effectiveProcesses()).isEqualTo(1);
    }

    @Test
    void fanoutDefaults() throws UsageException {
        final BenchConfig config = BenchConfig.parse(List.of("--mode", "fanout"), mapper);
        assertThat(config.senders()).isEqualTo(20);
        assertThat(config.rate()).isEqualTo(20);
        assertThat(config.fanout()).isEqualTo(100);
    }

    @Test
    void soakDefaultsAreTheIssuesTenThousandSocketsAtTwoThousandPerSecondForTenMinutes() throws UsageException {
        final BenchConfig config = BenchConfig.parse(List.of("--mode", "soak"), mapper);
        assertThat(config.conns()).isEqualTo(10_000);
        assertThat(config.senders()).isEqualTo(10_000);
        assertThat(config.rate()).isEqualTo(2000);
        assertThat(config.durationS()).isEqualTo(600);
        assertThat(config.minutes()).isEqualTo(10);
        assertThat(config.fanout()).isEqualTo(1);
        assertThat(config.messages()).isEqualTo(1_200_000);
        assertThat(config.heapTolerancePct()).isEqualTo(10);
        assertThat(config.effectiveProcesses()).isEqualTo(1);
        assertThat(BenchConfig.parse(List.of("--mode", "soak", "--duration", "150"), mapper).minutes()).isEqualTo(3);
    }

    @Test
    void roomRunsInOneProcessAgainstHeraldOnly() throws UsageException {
        final BenchConfig config = BenchConfig.parse(List.of("--mode", "room", "--conns", "10000"), mapper);
        assertThat(config.mode()).isEqualTo(Mode.ROOM);
        assertThat(config.senders()).isEqualTo(20);
        assertThat(config.rate()).isEqualTo(20);
        assertThat(config.messages()).isEqualTo(400);
        assertThat(config.jdbcUrl()).isNotNull();
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "room", "--conns", "20000"), mapper))
                .isInstanceOf(UsageException.class).hasMessageContaining("one process");
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "room", "--processes", "2"), mapper))
                .isInstanceOf(UsageException.class).hasMessageContaining("one process");
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "room", "--protocol", "nest-seed",
                                                           "--tokens", "t.json"), mapper))
                .isInstanceOf(UsageException.class).hasMessageContaining("herald");
    }

    @Test
    void soakRunsInOneProcessForAtLeastAMinute() {
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "soak", "--conns", "20000"), mapper))
                .isInstanceOf(UsageException.class).hasMessageContaining("one process");
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "soak", "--processes", "2"), mapper))
                .isInstanceOf(UsageException.class).hasMessageContaining("one process");
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "soak", "--duration", "30"), mapper))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void idleSendsNothingAndChecksNoRows() throws UsageException {
        final BenchConfig config = BenchConfig.parse(List.of("--mode=idle", "--conns", "19000", "--hold", "15",
                                                             "--local-addrs", "127.0.0.1, 127.0.0.2"), mapper);
        assertThat(config.messages()).isZero();
        assertThat(config.jdbcUrl()).isNull();
        assertThat(config.localAddrs()).containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(config.effectiveProcesses()).isEqualTo(2);
    }

    @Test
    void nestSeedNeedsTokensAndHasItsOwnDefaults() throws UsageException {
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--protocol", "nest-seed"), mapper))
                .isInstanceOf(UsageException.class).hasMessageContaining("--tokens");
        final BenchConfig config = BenchConfig.parse(List.of("--protocol", "nest-seed", "--tokens", "t.json",
                                                             "--server-pid", "12,34"), mapper);
        assertThat(config.urls()).map(URI::toString).containsExactly("ws://127.0.0.1:3100/");
        assertThat(config.jdbcUrl()).contains("/nestseed");
        assertThat(config.serverPids()).containsExactly(12L, 34L);
    }

    @Test
    void rejectsWhatCannotRun() {
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "broadcast"), mapper))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--conns", "0"), mapper))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--mode", "fanout", "--conns", "10", "--fanout", "10"),
                                                   mapper)).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--local-addrs", "10.0.0.1"), mapper))
                .isInstanceOf(UsageException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--url", "http://x"), mapper))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--bogus"), mapper))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--rate"), mapper))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void severalUrlsSpreadSocketsOverSeveralGateways() throws UsageException {
        final BenchConfig config = BenchConfig.parse(
                List.of("--url", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082"), mapper);

        assertThat(config.urls()).map(URI::toString)
                .containsExactly("ws://127.0.0.1:8081/ws", "ws://127.0.0.1:8082/");
        assertThatThrownBy(() -> BenchConfig.parse(List.of("--url", "ws://127.0.0.1:8081/ws,http://x"), mapper))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void sendersNeverExceedConnections() throws UsageException {
        assertThat(BenchConfig.parse(List.of("--conns", "10", "--senders", "50"), mapper).senders()).isEqualTo(10);
    }
}
