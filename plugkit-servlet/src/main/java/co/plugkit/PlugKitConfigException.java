package co.plugkit;

/** Configuration is missing or invalid; the message names the setting (never its secret value). */
public class PlugKitConfigException extends RuntimeException {
    public PlugKitConfigException(String message) {
        super(message);
    }
}
