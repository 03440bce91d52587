package dev.herald.message.text;

import dev.herald.message.error.HeraldException.InvalidArgument;

/**
 * What a PostgreSQL {@code text} or {@code varchar(n)} column can hold, checked before a message is acked so that
 * every acked (or provisioned) value can be stored as it is: no NUL character (PostgreSQL text cannot hold U+0000), no lone
 * surrogate (it has no UTF-8 form), and lengths counted in code points, as PostgreSQL counts {@code varchar(n)}.
 */
public final class StorableText {

    /** {@code varchar(255)}: user ids, a message's type and clientId. */
    public static final int MAX_ID_CHARS = 255;
    /** Display names ({@code text}, bounded here so a directory row stays small). */
    public static final int MAX_NAME_CHARS = 1024;

    private StorableText() {}

    /** Throws {@link InvalidArgument} naming {@code field} unless {@code value} can be stored. */
    public static void require(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidArgument(field, field + " must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidArgument(field, field + " is not valid Unicode: it holds a lone surrogate");
            }
        }
    }

    /** {@link #require}, and at most {@code maxCodePoints} characters (code points). */
    public static void require(String field, String value, int maxCodePoints, String what) {
        require(field, value);
        int length = value.codePointCount(0, value.length());
        if (length > maxCodePoints) {
            throw new InvalidArgument(field, what + " too long: " + length + " characters (at most "
                    + maxCodePoints + ")");
        }
    }
}
