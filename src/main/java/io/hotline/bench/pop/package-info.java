/**
 * {@code hotline bench pop}: screen-pop latency with many agents connected, against an emulated Asterisk
 * manager interface ({@link io.hotline.emulator.ami.AmiEmulator}). Figures in {@code BENCHMARKS.md}.
 */
package io.hotline.bench.pop;
