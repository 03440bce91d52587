package dev.herald.config;

import com.google.common.net.InetAddresses;
import java.util.Locale;

/**
 * Whether a configured host is this machine's loopback: {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}
 * (bracketed or not), judged from the text alone: a name is never resolved, so a name that happens to resolve to
 * loopback does not count. The rules that allow plain text only on loopback (the JWKS URL, gRPC) share it.
 */
public final class LoopbackHost {

    private LoopbackHost() {}

    public static boolean is(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equals(bare.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return InetAddresses.isInetAddress(bare) && InetAddresses.forString(bare).isLoopbackAddress();
    }
}
