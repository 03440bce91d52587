/**
 * The report: worker reports merged exactly, the JSON sections, the verdict and the table for people.
 */
@NullMarked
package dev.herald.bench.report;

import org.jspecify.annotations.NullMarked;
