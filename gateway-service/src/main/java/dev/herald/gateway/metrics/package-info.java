/**
 * What the gateway reports to Prometheus: sockets and sign-ins ({@link dev.herald.gateway.metrics.SocketMeters}),
 * requests by event and outcome ({@link dev.herald.gateway.metrics.RequestMeters}), deliveries and their end-to-end
 * latency ({@link dev.herald.gateway.metrics.DeliveryMeters}) and the refusals of every bound
 * ({@link dev.herald.gateway.metrics.BudgetRefusals}). Every meter a frame can touch is resolved when the gateway
 * starts, so recording costs an atomic add or a histogram bucket, never a registry lookup. Label values are bounded
 * sets (event names, status codes, close codes, delivery kinds), never user, room or message ids.
 */
@NullMarked
package dev.herald.gateway.metrics;

import org.jspecify.annotations.NullMarked;
