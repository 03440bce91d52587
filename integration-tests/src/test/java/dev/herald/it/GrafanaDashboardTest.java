package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/grafana/herald-dashboard.json} parses as a Grafana dashboard on the {@code DS_PROMETHEUS} input, and
 * every metric its PromQL names exists: Herald's own as a meter name in some service's sources (Micrometer's dots or
 * underscores, before the {@code _total}, {@code _seconds} or {@code _bytes} it adds), a library's when the sources
 * bind its meters. A renamed meter fails here instead of leaving an empty panel.
 */
class GrafanaDashboardTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DASHBOARD = ROOT.resolve("deploy/grafana/herald-dashboard.json");

    /** Metrics of libraries, by prefix, and what the sources must contain for them to be exposed. */
    private static final Map<String, Pattern> LIBRARY_METRICS = Map.of(
            "jvm_memory_", Pattern.compile("\\bJvmMemoryMetrics\\b"),
            "jvm_gc_", Pattern.compile("\\bJvmGcMetrics\\b"),
            "jvm_threads_", Pattern.compile("\\bJvmThreadMetrics\\b"),
            "process_cpu_", Pattern.compile("\\bProcessorMetrics\\b"),
            "process_files_", Pattern.compile("\\bFileDescriptorMetrics\\b"),
            "hikaricp_", Pattern.compile("\\bMicrometerMetricsTrackerFactory\\b|\\bsetMetricRegistry\\("));

    private static final Pattern METRIC = Pattern.compile("\\b(?:herald|jvm|process|hikaricp)_[a-zA-Z0-9_]+");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9_.]*)\"");

    private final JsonNode dashboard = read(DASHBOARD);

    @Test
    void isADashboardOnThePrometheusInput() {
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.path("__inputs")).anySatisfy(input -> {
            assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        });
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s used once", panel.path("id")).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                    .isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asText()).isNotBlank());
        }
    }

    @Test
    void showsTrafficLatencyErrorsLagAndSocketsPerGateway() {
        assertThat(expressions()).anyMatch(e -> e.contains("herald_gateway_requests_total{event=\"message\""))
                .anyMatch(e -> e.contains("herald_gateway_request_duration_seconds_bucket{event=\"message\"}")
                        && e.startsWith("histogram_quantile(0.99"))
                .anyMatch(e -> e.contains("herald_gateway_delivery_latency_seconds_bucket")
                        && e.startsWith("histogram_quantile(0.5"))
                .anyMatch(e -> e.contains("outcome!=\"ok\""))
                .anyMatch(e -> e.contains("herald_worker_consumer_pending"))
                .anyMatch(e -> e.equals("sum by (instance) (herald_gateway_sockets_open)"));
    }

    @Test
    void namesOnlyMetricsTheServicesExpose() {
        String sources = mainSources();
        Set<String> meterNames = new HashSet<>();
        Matcher literal = LITERAL.matcher(sources);
        while (literal.find()) {
            meterNames.add(literal.group(1).replace('.', '_'));
        }
        Set<String> missing = new TreeSet<>();
        for (String metric : metricsNamed()) {
            if (!exposed(metric, meterNames, sources)) {
                missing.add(metric);
            }
        }
        assertThat(missing).as("metrics the dashboard names that no service exposes").isEmpty();
    }

    private static boolean exposed(String metric, Set<String> meterNames, String sources) {
        for (Map.Entry<String, Pattern> library : LIBRARY_METRICS.entrySet()) {
            if (metric.startsWith(library.getKey())) {
                return library.getValue().matcher(sources).find();
            }
        }
        String base = metric.replaceFirst("_(bucket|count|sum|max)$", "");
        return Stream.of(base, base.replaceFirst("_total$", ""), base.replaceFirst("_seconds$", ""),
                base.replaceFirst("_bytes$", "")).anyMatch(meterNames::contains);
    }

    private Set<String> metricsNamed() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher metric = METRIC.matcher(QUOTED.matcher(expression).replaceAll("\"\""));
            while (metric.find()) {
                names.add(metric.group());
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    private List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        return expressions;
    }

    /** Every main Java source of every module, concatenated. */
    private static String mainSources() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(GrafanaDashboardTest::isMainSource).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    private static boolean isMainSource(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/target/")
                && !path.startsWith(".") && !path.contains("/node_modules/");
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
