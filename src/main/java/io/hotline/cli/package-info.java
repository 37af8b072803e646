/**
 * The {@code hotline} sub-commands ({@link io.hotline.Main} lists them), one picocli class each: they parse their
 * options and hand over to the part that does the work, and build nothing themselves.
 *
 * <ul>
 *   <li>the server: {@link io.hotline.cli.ServeCommand} calls the composition root
 *       ({@link io.hotline.server.Server#start});
 *   <li>flows: {@link io.hotline.cli.LintCommand}, {@link io.hotline.cli.TestFlowsCommand} (the cases of
 *       {@code io.hotline.flowtest}), {@link io.hotline.cli.GraphCommand}, {@link io.hotline.cli.CallCommand} (one
 *       simulated call) and {@link io.hotline.cli.PromptsCommand} (the prompts' sounds);
 *   <li>the record: {@link io.hotline.cli.ReplayCommand} and {@link io.hotline.cli.StatsCommand} (recorded call
 *       sessions, through {@code io.hotline.analytics}; {@code SessionsOptions} is what they share),
 *       {@link io.hotline.cli.ReportCommand} (the queue figures of {@code io.hotline.reports}) and
 *       {@link io.hotline.cli.AuditCommand} (the audit log's hash chain);
 *   <li>operations: {@link io.hotline.cli.UserCommand} (console users) and {@link io.hotline.cli.DoctorCommand}
 *       (checks the Asterisk the settings point at);
 *   <li>benchmarks: {@link io.hotline.cli.BenchCommand} and its sub-commands (agi, agi-server, ari, pop, prompts),
 *       the only way into {@code io.hotline.bench}; {@code ApartServers}, {@code Baselines} and
 *       {@code MemoryProbe} run {@code hotline bench agi --apart} with its servers in a child JVM.
 * </ul>
 *
 * <p>Exit codes: 0 when all is well, 1 when the command found a problem (lint errors, failed cases, differing
 * replays), 2 when it could not run (picocli's usage errors, a bad setting).
 */
package io.hotline.cli;
