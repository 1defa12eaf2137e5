package co.plugkit.internal.web;

/** Makes caller-supplied text safe to repeat in an error message. */
final class Safe {
    private Safe() {}

    /** The id as sent if it is short and plain, else a placeholder: error messages echo nothing odd. */
    static String id(String id) {
        return id.length() <= 64 && id.matches("[A-Za-z0-9_\\-]+") ? id : "(malformed id)";
    }
}
