/** The long-lived links to message-service instances: presence up, deliveries down. */
@NullMarked
package dev.herald.gateway.link;

import org.jspecify.annotations.NullMarked;
