/**
 * What the emulated Asterisks of every protocol share: the sound files an Asterisk has
 * ({@link io.hotline.emulator.asterisk.Sounds}), its core English sounds and what main/say.c plays from them
 * ({@link io.hotline.emulator.asterisk.CoreSounds}), and the voice emulated callers leave as a message
 * ({@link io.hotline.emulator.asterisk.CallerVoice}). No Hotline package besides the emulators' own.
 */
package io.hotline.emulator.asterisk;
