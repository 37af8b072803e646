/**
 * The emulated Asterisk REST Interface ({@link io.hotline.emulator.ari.AriEmulator}): the ARI REST calls and the
 * {@code /ari/events} WebSocket of Asterisk 22 on loopback, channels in the Stasis application
 * ({@link io.hotline.emulator.ari.EmulatedChannel}) and callers scripted by
 * {@link io.hotline.emulator.ari.CallerScript}. The one ARI stand-in of the tests and of {@code hotline bench ari}. It
 * speaks the wire protocol only, with what every protocol's emulator shares from {@link io.hotline.emulator.asterisk}
 * (the sound files an Asterisk has, what main/say.c plays, the callers' voice), and imports no other Hotline package;
 * only the benchmarks (and the tests) use it.
 *
 * <p>As Asterisk 22: events are built from the frames of the recorded sessions ({@code ari-basic.txt} beside these
 * classes, Asterisk 22.10.1) and REST replies from their bodies; every request is checked against Asterisk's own ARI
 * description ({@code ari-api/}, its Swagger 1.1 files) and one Asterisk would refuse is answered 400/404 and kept as a
 * violation. Playbacks play one after another and are stopped by DELETE, never by DTMF; a {@code sound:} file this
 * Asterisk lacks fails as res_stasis_playback fails it (PlaybackContinuing to the next media, or PlaybackFinished
 * {@code failed} for the last); say media play the files that exist and skip the rest, except English
 * {@code number:}, which fails on a file it cannot open. A second WebSocket registering the application replaces the
 * first ({@code ApplicationReplaced}, res/stasis/app.c); when any WebSocket that registered it closes, the
 * application is unregistered until one registers it again (res/ari/ari_websockets.c), and events raised while none
 * holds it are lost. A caller's hang-up is ChannelHangupRequest cause 16 then StasisEnd; the application's is the
 * recorded soft one; a hang-up racing a request answers it 404 and its events follow the reply.
 *
 * <p>Unlike Asterisk 22: only the operations Hotline uses are answered (others 501); there is no audio. A playback is
 * a timer (30 ms by default, per media as a test or the benchmark sets it; the item a caller barges into with
 * {@link io.hotline.emulator.ari.CallerScript#bargeIn} plays until the server stops it), keys are ChannelDtmfReceived
 * events sent by the scripted caller, and a recording is a WAV the emulator writes (a caller who speaks: three seconds
 * of a 440 Hz tone, then {@code #}; a silent one: stopped as by maxSilenceSeconds), started 20 ms after the request
 * and finished 40 to 80 ms later. Every channel is a {@code Local/200@hotline-...;2} channel in language {@code en}.
 * By default this Asterisk has every sound file; the tests give it the files of theirs.
 */
package io.hotline.emulator.ari;
