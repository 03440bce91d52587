/**
 * The domain records the features speak and the edges map: a direct message, its receipts, a directory user.
 * Nothing here knows protobuf, jOOQ or gRPC.
 */
@NullMarked
package dev.herald.message.model;

import org.jspecify.annotations.NullMarked;
