/** Which gateways hold which users, learned over the gateway links, and delivery to them. */
@NullMarked
package dev.herald.message.presence;

import org.jspecify.annotations.NullMarked;
