/** The worker's settings, read from HERALD_* environment variables and validated at startup. */
@NullMarked
package dev.herald.worker.config;

import org.jspecify.annotations.NullMarked;
