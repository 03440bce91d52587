/**
 * The parent's side of a run: phases, server readings, persistence check and report assembly.
 */
@NullMarked
package dev.herald.bench.run;

import org.jspecify.annotations.NullMarked;
