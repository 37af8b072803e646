/**
 * {@code hotline bench agi}: emulated Asterisk peers (the {@link io.hotline.emulator.agi.AgiEmulator} the tests use too, one
 * {@link io.hotline.bench.agi.BenchCall} each) that run whole journeys against a FastAGI
 * server and measure its turn times ({@link io.hotline.bench.agi.AgiBench}), and the
 * yardstick they are compared with: a bare asterisk-java {@code DefaultAgiServer} script that
 * replays the same command sequence with no lookups and no writes
 * ({@link io.hotline.bench.agi.BareAgiBaseline}).
 *
 * <p>A server turn is the time from the peer's reply leaving to the server's next command
 * arriving: what Asterisk would wait for between two commands, with the caller's audio taken
 * out (the peer answers every command at once). Peers and server share the machine, so the
 * figures include the peers' own scheduling.
 */
package io.hotline.bench.agi;
