package co.plugkit.demo;

/**
 * The demo could not start for a reason outside PlugKit's configuration (a port in use, a database that
 * does not answer, an unreadable data folder). {@link DemoServer#main} prints the message, not a stack
 * trace, because the person running the demo can fix these without reading code.
 */
public final class DemoStartException extends RuntimeException {
    public DemoStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
