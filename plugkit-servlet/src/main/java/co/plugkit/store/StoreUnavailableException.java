package co.plugkit.store;

/** The database cannot be reached right now; the request may succeed later. The API answers 503. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
