package dev.herald.it;

/**
 * The text of one generated send (receivers and a unique clientId prefix are added when it is sent); printed with
 * every character outside printable ASCII escaped, so a failing sample can be read and typed in again.
 */
record GeneratedSend(String body, String title, String type, String clientId) {

    @Override
    public String toString() {
        return "GeneratedSend[body=" + printable(body) + ", title=" + printable(title) + ", type=" + printable(type)
                + ", clientId=" + printable(clientId) + "]";
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < 300; i++) {
            char c = text.charAt(i);
            shown.append(c >= ' ' && c <= '~' && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        shown.append(text.length() > 300 ? "…\" (" + text.length() + " chars)" : "\"");
        return shown.toString();
    }
}
