package io.hotline.telephony.ari;

/**
 * A REST request got no 2xx answer. {@code status} is 0 when there was no answer at all
 * (connection refused, timeout).
 */
final class AriRequestFailed extends RuntimeException {
    private final int status;

    AriRequestFailed(String request, int status, String detail, Throwable cause) {
        super(request + (status == 0 ? " failed: " : " answered " + status + ": ") + detail, cause, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /**
     * The channel or playback is not (or no longer) there for us: 404 not found, 409 not in
     * our Stasis application, 422 not in the expected state. Races with the caller hanging
     * up end this way and are normal outcomes.
     */
    boolean gone() {
        return status == 404 || status == 409 || status == 422;
    }
}
