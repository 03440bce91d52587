package dev.herald.bench.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.identity.BenchUser;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Everything the generator knows about one server's wire format and tables: how to go online, how to send a
 * message, what a server frame means, and how to count a run's rows. Implementations are stateless and
 * thread-safe.
 */
public sealed interface Protocol permits HeraldProtocol, NestSeedProtocol {

    /** {@code herald} or {@code nest-seed}. */
    String name();

    URI defaultUrl();

    String defaultJdbcUrl();

    /** Whether the server acknowledges each message to its sender once it is durable. */
    boolean acksMessages();

    /** The first frame of a socket: authenticate as {@code user}. */
    String onlineFrame(BenchUser user);

    /** Message {@code seq} from {@code sender} to {@code receiverIds}. */
    String messageFrame(BenchUser sender, List<String> receiverIds, String title, String body, long seq);

    /** Message {@code seq} to a room the sender is a member of; only protocols with rooms have it. */
    String roomMessageFrame(String roomId, String title, String body, long seq);

    /** What a text frame from the server means; never throws. */
    Inbound decode(String text);

    RowQueries rowQueries();

    /** The protocol called {@code name}, or empty. */
    static Optional<Protocol> named(String name, ObjectMapper mapper) {
        return switch (name) {
            case HeraldProtocol.NAME -> Optional.of(new HeraldProtocol(mapper));
            case NestSeedProtocol.NAME -> Optional.of(new NestSeedProtocol(mapper));
            default -> Optional.empty();
        };
    }
}
