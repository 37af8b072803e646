package io.hotline.wallet;

import io.hotline.call.Masking;
import java.time.Instant;
import java.util.Objects;

/**
 * A wallet account as the hotline sees it. {@link #toString()} masks the phone number, so logging an
 * account never leaks it.
 *
 * @param id               database id
 * @param msisdn           the registered phone, full number
 * @param holderName       the holder's name
 * @param status           active, frozen or closed
 * @param loginLocked      the app login is locked after too many wrong passwords
 * @param lastTrustedLogin the last login from a trusted device, or null if none
 */
public record Account(
        long id,
        String msisdn,
        String holderName,
        AccountStatus status,
        boolean loginLocked,
        Instant lastTrustedLogin) {
    public Account {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(status, "status");
    }

    /** The phone number masked for logs and screens. */
    public String maskedMsisdn() {
        return Masking.phone(msisdn);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", msisdn=" + maskedMsisdn() + ", status=" + status + ", loginLocked=" + loginLocked
                + "]";
    }
}
