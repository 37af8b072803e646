package io.hotline.actions;

/**
 * Texts a caller the reference of what their call opened (a complaint's), through Hotline's SMS outbox: queued
 * before returning, sent in the background and retried until it goes. The composition root binds it to the
 * outbox, so the actions reach the wallet's tables only through the wallet port.
 *
 * <p>Threading: called on a call's action thread; may block.
 */
@FunctionalInterface
public interface ReferenceTexts {
    /**
     * @param due when it will be answered, as it should be read (e.g. {@code 3 Dec 10:15})
     * @param accountId the caller's account, or null
     */
    void complaintReference(String msisdn, String reference, String due, String lang, Long accountId, String callId);
}
