package dev.herald.bench.ceiling;

import dev.herald.bench.measure.Histogram;
import dev.herald.bench.measure.LatencyRecorder;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * JetStream's own publish-to-ack latency at a steady rate: what one message of Herald's send path waits for
 * JetStream alone. Async publishes with {@code Nats-Msg-Id} of a Herald-sized message event, at {@code --rate}
 * per second for {@code --seconds}, on a {@link ScratchStream} of its own; prints the
 * percentiles in ms. Run it beside a Herald run to see how much of that run's tail JetStream accounts for, or with
 * {@code --replicas 3} on a cluster ({@code --nats} listing its servers) against 1 on a lone server for the cost of
 * replication.
 *
 * <pre>java -cp bench/target/herald-bench-*-all.jar dev.herald.bench.ceiling.JetStreamLatencyProbe
 *     [--nats nats://127.0.0.1:4222] [--rate 500] [--seconds 20] [--replicas 1]</pre>
 */
public final class JetStreamLatencyProbe {

    private JetStreamLatencyProbe() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String natsUrl = options.getOrDefault("--nats", "nats://127.0.0.1:4222");
        int rate = Integer.parseInt(options.getOrDefault("--rate", "500"));
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "20"));
        int replicas = Integer.parseInt(options.getOrDefault("--replicas", "1"));
        Histogram micros = run(natsUrl, rate, seconds, replicas);
        System.out.printf("JetStream publish->ack (R" + replicas + ") at %d/s for %d s: n=%d p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f ms%n",
                rate, seconds, micros.count(), ms(micros, 0.5), ms(micros, 0.9), ms(micros, 0.99), ms(micros, 0.999),
                micros.max() / 1000.0);
    }

    static Histogram run(String natsUrl, int rate, int seconds, int replicas) throws Exception {
        int messages = rate * seconds;
        byte[][] payloads = new SampleEvents().serializedMessages(messages);
        LatencyRecorder latencies = new LatencyRecorder();
        try (ScratchStream stream = new ScratchStream(natsUrl, "LATENCY", replicas)) {
            JetStream js = stream.jetStream();
            CountDownLatch acked = new CountDownLatch(messages);
            long start = System.nanoTime();
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int i = 0; i < messages; i++) {
                // Open loop: each publish at its own time, whether or not the earlier ones were acked.
                long due = start + i * period;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long sent = System.nanoTime();
                js.publishAsync(stream.messageSubject(), payloads[i],
                                PublishOptions.builder().messageId(stream.name() + i).build())
                        .whenComplete((ack, failure) -> {
                            if (failure == null) {
                                latencies.recordBetween(sent, System.nanoTime());
                            }
                            acked.countDown();
                        });
            }
            if (!acked.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("JetStream did not ack every publish within 30 s");
            }
        }
        return latencies.histogram();
    }

    private static double ms(Histogram micros, double quantile) {
        return micros.valueAtQuantile(quantile) / 1000.0;
    }
}
