/**
 * JMH microbenchmarks of the generator's and gateway's hot paths; run them with {@code org.openjdk.jmh.Main},
 * never in the build.
 */
@NullMarked
package dev.herald.bench.jmh;

import org.jspecify.annotations.NullMarked;
