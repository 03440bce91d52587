/**
 * What one caller may cost an instance: a token bucket per user for sends and one for reads, and a bound on its
 * calls in flight, keyed by the caller's verified id and enforced per instance ({@code CallerLimitInterceptor}).
 */
@NullMarked
package dev.herald.message.limits;

import org.jspecify.annotations.NullMarked;
