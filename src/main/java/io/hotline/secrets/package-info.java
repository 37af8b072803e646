/**
 * Secrets Hotline keeps for a short while and must not leave readable in the database: the caller's full
 * phone number, sealed by {@link io.hotline.secrets.NumberVault} with a key kept outside the database, so
 * only the code paths that need it (an agent's audited reveal, a callback) can read it back.
 */
package io.hotline.secrets;
