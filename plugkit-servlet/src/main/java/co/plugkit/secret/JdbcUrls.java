package co.plugkit.secret;

/** Makes a JDBC URL fit to print: its parameters may carry a password, so they are cut off. */
public final class JdbcUrls {
    private JdbcUrls() {}

    /** The URL up to its first {@code ?} or {@code ;}, e.g. {@code jdbc:postgresql://db:5432/plugkit}. */
    public static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }
}
