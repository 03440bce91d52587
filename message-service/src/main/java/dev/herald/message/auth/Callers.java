package dev.herald.message.auth;

import dev.herald.auth.VerifiedUser;
import io.grpc.Context;

/** Where an authenticated call keeps its caller: set by {@link BearerAuthInterceptor}. */
public final class Callers {

    static final Context.Key<VerifiedUser> CALLER = Context.key("herald-caller");

    private Callers() {}

    /** The verified caller of the current gRPC call. */
    public static VerifiedUser current() {
        VerifiedUser caller = CALLER.get();
        if (caller == null) {
            // Only reachable if a service is registered without the interceptor: a wiring bug.
            throw new IllegalStateException("no authenticated caller in this call's context");
        }
        return caller;
    }
}
