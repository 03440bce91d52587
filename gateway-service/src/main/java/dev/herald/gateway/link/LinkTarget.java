package dev.herald.gateway.link;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One message-service instance to link to: its {@code ip:port} (or the configured {@code host:port} of an IP
 * literal), which names the instance in rendezvous hashing on every gateway alike, and, for an instance found by
 * resolving a DNS name, that name with the port: the authority the channel presents and checks the certificate
 * against, since the certificate names the service, not each pod's address.
 *
 * @param address   {@code ip:port}, IPv6 in brackets
 * @param authority {@code name:port} of the DNS name it was resolved from; null for a configured IP literal
 */
record LinkTarget(String address, @Nullable String authority) {

    LinkTarget {
        requireNonNull(address, "address");
    }

    static LinkTarget literal(String address) {
        return new LinkTarget(address, null);
    }
}
