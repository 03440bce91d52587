/**
 * JMH microbenchmarks of the load generator ({@code bench}): its per-message costs run on the same cores as the
 * stack it measures, so they bound what the figures in docs/benchmarks.md can show. Run with the microbench jar,
 * never in the build.
 */
@NullMarked
package dev.herald.microbench.generator;

import org.jspecify.annotations.NullMarked;
