/** Ceilings measured in the same run as Herald: raw JetStream publishing, raw PostgreSQL COPY, and the worker alone. */
@NullMarked
package dev.herald.bench.ceiling;

import org.jspecify.annotations.NullMarked;
