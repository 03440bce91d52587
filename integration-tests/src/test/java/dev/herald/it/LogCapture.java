package dev.herald.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The log lines this JVM writes (the services run in it), kept for a test to search: attached to logback's root
 * logger, with the named loggers lowered to DEBUG until {@link #close}.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One line: its logger, its MDC and its key-value pairs as written. */
    record Line(String logger, Level level, String message, Map<String, String> mdc, String keyValues) {}

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final List<String> debugLoggers;

    private LogCapture(List<String> debugLoggers) {
        this.debugLoggers = List.copyOf(debugLoggers);
    }

    /** Captures from now on, with {@code debugLoggers} at DEBUG. */
    static LogCapture start(String... debugLoggers) {
        LogCapture capture = new LogCapture(List.of(debugLoggers));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        for (String name : capture.debugLoggers) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
        }
        return capture;
    }

    /** The lines that carry {@code traceId}: in their MDC ({@code trace_id}) or among their key-values. */
    List<Line> mentioning(String traceId) {
        return lines.stream()
                .filter(line -> traceId.equals(line.mdc().get("trace_id")) || line.keyValues().contains(traceId))
                .toList();
    }

    @Override
    protected void append(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        String keyValues = pairs == null ? "" : String.join(" ",
                pairs.stream().map(pair -> pair.key + "=" + Objects.toString(pair.value)).toList());
        lines.add(new Line(event.getLoggerName(), event.getLevel(), event.getFormattedMessage(),
                Map.copyOf(event.getMDCPropertyMap()), keyValues));
    }

    @Override
    public void close() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
        for (String name : debugLoggers) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
        }
    }
}
