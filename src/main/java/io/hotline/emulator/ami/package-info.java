/**
 * The emulated Asterisk manager interface ({@link io.hotline.emulator.ami.AmiEmulator}) and the recorded AMI streams
 * it can replay ({@link io.hotline.emulator.ami.AmiTranscript}): the one AMI stand-in of the tests and of
 * {@code hotline bench pop}. It speaks the wire protocol only and imports no other Hotline package; only the
 * benchmarks (and the tests) use it.
 */
package io.hotline.emulator.ami;
