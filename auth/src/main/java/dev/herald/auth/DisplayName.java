package dev.herald.auth;

/**
 * A display name as Herald stores it: an identity provider may put anything in {@code name}, so the name is made
 * storable rather than the token refused. A NUL character or a lone surrogate (neither can be stored in PostgreSQL
 * text) becomes U+FFFD, and a name over {@link #MAX_CODE_POINTS} code points is cut there (never inside a pair).
 */
final class DisplayName {

    /** Longest display name kept, in code points (an IdP's given + family name fit with room to spare). */
    static final int MAX_CODE_POINTS = 1024;

    private DisplayName() {}

    static String storable(String claim) {
        StringBuilder name = new StringBuilder(Math.min(claim.length(), MAX_CODE_POINTS * 2));
        int codePoints = 0;
        for (int i = 0; i < claim.length() && codePoints < MAX_CODE_POINTS; codePoints++) {
            char c = claim.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < claim.length() && Character.isLowSurrogate(claim.charAt(i + 1))) {
                name.append(c).append(claim.charAt(i + 1));
                i += 2;
                continue;
            }
            name.append(c == '\0' || Character.isSurrogate(c) ? '\uFFFD' : c);
            i++;
        }
        return name.toString();
    }
}
