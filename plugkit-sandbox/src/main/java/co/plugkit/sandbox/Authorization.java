package co.plugkit.sandbox;

import java.util.List;

/** The sandbox's verdict on an authorization request: show the consent page, or refuse on its own page. */
public sealed interface Authorization {

    /** The request is valid: ask the person to pick an account and allow or cancel. */
    record Consent(AuthorizationRequest request, List<SandboxAccount> accounts) implements Authorization {}

    /**
     * The request is invalid. Like Instagram, the sandbox then redirects nothing back: it shows the
     * message on its own page.
     */
    record Refused(String message) implements Authorization {}
}
