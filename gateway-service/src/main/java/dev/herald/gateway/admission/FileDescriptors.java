package dev.herald.gateway.admission;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The process's open-file limit and how many files it has open (sockets included). */
public interface FileDescriptors {

    /** The limit ({@code ulimit -n}); {@link Long#MAX_VALUE} when the platform does not say. */
    long max();

    /** Open now; costly (it lists {@code /proc/self/fd}), so read it seldom. */
    long open();

    /** This JVM's, read from {@link UnixOperatingSystemMXBean}; unlimited where that is not available. */
    static FileDescriptors ofThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return new FileDescriptors() {
                @Override
                public long max() {
                    return unix.getMaxFileDescriptorCount();
                }

                @Override
                public long open() {
                    return unix.getOpenFileDescriptorCount();
                }
            };
        }
        return new FileDescriptors() {
            @Override
            public long max() {
                return Long.MAX_VALUE;
            }

            @Override
            public long open() {
                return 0;
            }
        };
    }
}
