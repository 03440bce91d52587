package dev.herald.gateway.link;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InetAddresses;
import dev.herald.logging.RepeatingWarning;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message-service instances that {@code HERALD_MESSAGE_SERVICE_TARGETS} names right now. Each entry is
 * {@code host:port}: an IP literal is one instance; a DNS name (a Kubernetes headless Service) is looked up again at
 * every {@link #resolve}, each of its addresses an instance on the entry's port.
 *
 * <p>A name that does not resolve (NXDOMAIN, a timeout) or answers nothing keeps the instances it had: a DNS outage
 * must not unlink a working gateway, and the links themselves notice an instance that is really gone. It is logged
 * as a {@linkplain RepeatingWarning repeating warning}. A name that answers with IPv4 addresses uses only those,
 * otherwise its IPv6 ones: a dual-stack Service answers both for every pod, and {@code localhost} both for this
 * machine, and linking twice to one instance would announce its users twice. Not thread-safe: one thread resolves.
 */
final class TargetResolver {

    private static final Logger logger = LoggerFactory.getLogger(TargetResolver.class);

    /** A DNS lookup: every address of a host name. */
    @FunctionalInterface
    interface Lookup {
        List<InetAddress> all(String host) throws UnknownHostException;

        /** The JVM's resolver (see the gateway's {@code Main} for its cache). */
        static Lookup system() {
            return host -> List.of(InetAddress.getAllByName(host));
        }
    }

    private final List<String> entries;
    private final Lookup lookup;
    /** The instances each name answered last; absent before its first answer. */
    private final Map<String, List<LinkTarget>> lastAnswers = new HashMap<>();
    private final RepeatingWarning failures = new RepeatingWarning(logger);

    /** @param entries the configured {@code host:port} targets (checked by the configuration) */
    TargetResolver(List<String> entries, Lookup lookup) {
        this.entries = List.copyOf(entries);
        this.lookup = requireNonNull(lookup, "lookup");
    }

    /** Whether every entry is an IP literal, so {@link #resolve} always answers the same. */
    boolean isStatic() {
        return entries.stream().allMatch(entry -> InetAddresses.isUriInetAddress(host(entry)));
    }

    /** Every instance, in the entries' order, each address once. */
    List<LinkTarget> resolve() {
        Map<String, LinkTarget> instances = new LinkedHashMap<>();
        for (String entry : entries) {
            String host = host(entry);
            if (InetAddresses.isUriInetAddress(host)) {
                instances.putIfAbsent(entry, LinkTarget.literal(entry));
                continue;
            }
            for (LinkTarget target : resolveName(entry, host)) {
                instances.putIfAbsent(target.address(), target);
            }
        }
        return List.copyOf(instances.values());
    }

    private List<LinkTarget> resolveName(String entry, String host) {
        String port = entry.substring(entry.lastIndexOf(':') + 1);
        List<InetAddress> answer;
        try {
            answer = lookup.all(host);
        } catch (UnknownHostException e) {
            // NXDOMAIN, no answer in time, or no resolver: the next round asks again.
            return keepLast(entry, e.getMessage() == null ? "unknown host" : e.getMessage());
        }
        List<InetAddress> v4 = answer.stream().filter(address -> address instanceof Inet4Address).toList();
        List<InetAddress> chosen = v4.isEmpty() ? answer : v4;
        if (chosen.isEmpty()) {
            return keepLast(entry, "no addresses");
        }
        List<LinkTarget> targets = new ArrayList<>();
        for (InetAddress address : chosen) {
            targets.add(new LinkTarget(InetAddresses.toUriString(address) + ":" + port, entry));
        }
        lastAnswers.put(entry, List.copyOf(targets));
        return targets;
    }

    private List<LinkTarget> keepLast(String entry, String reason) {
        List<LinkTarget> last = lastAnswers.getOrDefault(entry, List.of());
        failures.warn(event -> event.addKeyValue("target", entry).addKeyValue("kept", last.size())
                .log("message-service name not resolved ({}): keeping its last known instances", reason));
        return last;
    }

    /** The host of a {@code host:port} entry, brackets and all for IPv6. */
    private static String host(String entry) {
        return entry.substring(0, entry.lastIndexOf(':'));
    }
}
