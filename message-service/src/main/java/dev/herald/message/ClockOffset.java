package dev.herald.message;

import dev.herald.config.ConfigException;
import dev.herald.config.Env;
import java.time.Duration;

/**
 * {@code HERALD_CLOCK_OFFSET_MS}: shifts the clock a message-service stamps message ids and times with, so that
 * tests can run instances whose clocks disagree on one machine (the fault matrix's clock-skew row). Only in
 * development mode: in production a skewed clock is a fault to find, never a setting.
 */
final class ClockOffset {

    static final String VARIABLE = "HERALD_CLOCK_OFFSET_MS";
    private static final int MAX_MILLIS = 3_600_000;

    private ClockOffset() {}

    static Duration read(Env env, boolean devMode) {
        int millis = env.integer(VARIABLE, 0, -MAX_MILLIS, MAX_MILLIS);
        if (millis != 0 && !devMode) {
            throw ConfigException.invalid(VARIABLE, Integer.toString(millis),
                    "0 outside development mode (HERALD_DEV_MODE=true): it skews message ids and times on purpose");
        }
        return Duration.ofMillis(millis);
    }
}
