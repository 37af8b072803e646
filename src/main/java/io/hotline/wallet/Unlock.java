package io.hotline.wallet;

/**
 * The result of {@link Wallet#unlockLogin}.
 *
 * @param wasLocked whether the app login was locked before
 */
public record Unlock(boolean wasLocked) {}
