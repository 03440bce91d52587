/**
 * What operators see of a message-service: every gRPC call counted and timed ({@code GrpcMetricsInterceptor}),
 * readiness (NATS connected, the stream reachable, PostgreSQL answering) served on {@code /health/ready} and
 * mirrored by the gRPC health service ({@code GrpcHealthReporter}). Feature meters live with their features
 * ({@code stream.PublishMeters}, {@code stream.StoredWaitMeters}, {@code presence.LinkMeters}, the refusals of
 * {@code limits.CallerLimitInterceptor}).
 */
@NullMarked
package dev.herald.message.ops;

import org.jspecify.annotations.NullMarked;
