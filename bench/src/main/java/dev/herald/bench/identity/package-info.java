/**
 * The simulated users and their tokens: minted in-process with Herald's development identity provider, or read
 * from a file.
 */
@NullMarked
package dev.herald.bench.identity;

import org.jspecify.annotations.NullMarked;
