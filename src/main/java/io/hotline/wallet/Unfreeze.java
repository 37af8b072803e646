package io.hotline.wallet;

/**
 * The result of {@link Wallet#unfreeze}.
 *
 * @param freezeReference the freeze that was released, or null when there was none
 * @param wasFrozen       whether the account was frozen
 */
public record Unfreeze(String freezeReference, boolean wasFrozen) {}
