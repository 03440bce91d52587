/**
 * Logging shared by every service: the one {@code logback.xml} (level and format from {@code HERALD_LOG_LEVEL} and
 * {@code HERALD_LOG_FORMAT}, checked by {@link dev.herald.logging.LogSettings}), and
 * {@link dev.herald.logging.RepeatingWarning} for warnings that would otherwise fire once per request during an
 * outage.
 */
@NullMarked
package dev.herald.logging;

import org.jspecify.annotations.NullMarked;
