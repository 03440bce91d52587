/**
 * The command line: options, defaults and validation into a {@link dev.herald.bench.cli.BenchConfig}.
 */
@NullMarked
package dev.herald.bench.cli;

import org.jspecify.annotations.NullMarked;
