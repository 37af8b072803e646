/**
 * The emulated Asterisk of FastAGI ({@link io.hotline.emulator.agi.AgiEmulator}): one call that connects to a
 * FastAGI server and answers its commands as Asterisk 22 does, a scripted caller pressing keys, with the failures
 * and hang-up timings of the recorded sessions. The one FastAGI stand-in of the tests and of
 * {@code hotline bench agi}. It speaks the wire protocol only, with what every protocol's emulator shares from
 * {@link io.hotline.emulator.asterisk}, and imports no other Hotline package; only the benchmarks (and the tests)
 * use it.
 */
package io.hotline.emulator.agi;
