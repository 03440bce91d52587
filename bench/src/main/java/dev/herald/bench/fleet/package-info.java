/**
 * Workers in this process or in child JVMs (a process may hold at most 20,000 open files here), and the lines
 * between parent and child.
 */
@NullMarked
package dev.herald.bench.fleet;

import org.jspecify.annotations.NullMarked;
