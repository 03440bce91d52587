package dev.herald.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A process that logs one line per level, for {@link LogbackSetupTest} to read. */
public final class LogSample {

    private static final Logger logger = LoggerFactory.getLogger(LogSample.class);

    private LogSample() {}

    public static void main(String[] args) {
        logger.atDebug().addKeyValue("stream", "S").log("debug line");
        // As TraceLogging sets it for a request.
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("span_id", "00f067aa0ba902b7");
        logger.atInfo().addKeyValue("stream", "S").log("info line");
        MDC.clear();
        logger.atWarn().addKeyValue("stream", "S").log("warn line");
        // What these libraries write at DEBUG carries tokens and message bodies.
        LoggerFactory.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler").debug("frame: bearer token");
        LoggerFactory.getLogger("org.jooq.tools.LoggerListener").debug("statement: message body");
    }
}
