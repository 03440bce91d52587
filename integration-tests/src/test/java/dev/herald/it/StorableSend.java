package dev.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/**
 * The oracle of {@link AckedIsStoredPropertyIT}: the fields of a send that break the rules documented in
 * docs/protocol.md, written from those rules and apart from the service's code. Text PostgreSQL cannot hold (NUL, a
 * lone surrogate) breaks any field; lengths are counted in code points, the body in UTF-8 bytes.
 */
final class StorableSend {

    static final int MAX_BODY_BYTES = 32_768;
    static final int MAX_TITLE = 256;
    static final int MAX_TYPE = 255;
    static final int MAX_CLIENT_ID = 128;
    /** Length of {@link #uniquePrefix}. */
    static final int PREFIX_LENGTH = 6;

    private StorableSend() {}

    /** What makes each try's clientId its own: {@code 00042:}. */
    static String uniquePrefix(int attempt) {
        return String.format("%05d:", attempt);
    }

    /** The fields breaking a rule, empty when the send must be acked. */
    static List<String> brokenFields(GeneratedSend send, String clientId) {
        List<String> broken = new ArrayList<>();
        String body = send.body();
        if (body.codePoints().allMatch(Character::isWhitespace) || !storable(body)
                || body.getBytes(UTF_8).length > MAX_BODY_BYTES) {
            broken.add("body");
        }
        if (!storable(send.title()) || codePoints(send.title()) > MAX_TITLE) {
            broken.add("title");
        }
        if (!storable(send.type()) || codePoints(send.type()) > MAX_TYPE) {
            broken.add("type");
        }
        if (!storable(clientId) || codePoints(clientId) > MAX_CLIENT_ID) {
            broken.add("clientId");
        }
        return broken;
    }

    /** No NUL, and UTF-8 holds it unchanged (a lone surrogate has no UTF-8 form). */
    private static boolean storable(String text) {
        return text.indexOf('\0') < 0 && new String(text.getBytes(UTF_8), UTF_8).equals(text);
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
