package co.plugkit.internal.text;

/**
 * Makes text that came from outside (a visitor's query parameters, a provider's error message) safe to put
 * in a log line: line breaks and every other control character are written as escapes, so nobody can end
 * PlugKit's line and forge one of their own ("… INFO admin logged in"), and the text is bounded.
 */
public final class LogText {
    private LogText() {}

    /** {@code text} with control and line-separator characters escaped ({@code \n}, {@code \u2028}), at most {@code max} characters, then "…". */
    public static String clean(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= max) {
                return out.append('…').toString();
            }
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
