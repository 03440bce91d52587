/** Local verification of the tokens clients present with {@code online}. */
@NullMarked
package dev.herald.gateway.auth;

import org.jspecify.annotations.NullMarked;
