package co.plugkit.internal.web;

import co.plugkit.internal.engine.RefreshOutcome;

/** From the engine's reasons to the API's errors: the one place that decides which error a reason is. */
final class OutcomeErrors {
    private OutcomeErrors() {}

    static ApiError of(RefreshOutcome.Skip reason) {
        return switch (reason) {
            case ACCOUNT_NOT_ACTIVE -> ApiError.ACCOUNT_NOT_ACTIVE;
            case TOKEN_TOO_NEW -> ApiError.TOKEN_TOO_NEW;
            case REFRESH_IN_PROGRESS -> ApiError.REFRESH_IN_PROGRESS;
            // a token sealed with a key this server lacks is the operator's problem, not the client's: a 500
            case TOKEN_KEY_UNKNOWN -> ApiError.TOKEN_KEY_UNKNOWN;
        };
    }
}
