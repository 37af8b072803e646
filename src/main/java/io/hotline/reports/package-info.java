/**
 * Queue facts and the figures made from them. The durable record is Asterisk's own {@code queue_log} table
 * ({@link io.hotline.reports.QueueLogEntry}, read and appended by {@link io.hotline.reports.QueueLogStore}):
 * app_queue writes it for real calls, and {@link io.hotline.reports.QueueLogWriter} writes the same rows for the
 * simulator's calls, so every figure is computed one way whichever PBX answered.
 *
 * <ul>
 *   <li>folding: {@link io.hotline.reports.QueueCalls} turns rows into one {@link io.hotline.reports.QueueCall} per
 *       call, a segment per queue entered; {@link io.hotline.reports.Figures} are the figures of a set of segments,
 *       measured against {@link io.hotline.reports.ReportRules} (service-level targets, short abandons; README
 *       "Report figures" defines each figure);
 *   <li>real time: {@link io.hotline.reports.LiveQueues} folds the queue events of either PBX into each queue's
 *       {@link io.hotline.reports.QueueFigures} for the console's board and the wallboard
 *       ({@link io.hotline.reports.LiveSettings}), and {@link io.hotline.reports.QueueGauges} shows the same numbers
 *       to Prometheus;
 *   <li>history: {@link io.hotline.reports.Reports} makes a {@link io.hotline.reports.Report} of a period per queue,
 *       agent, journey, language or interval (joined with {@code call_sessions} and the tickets), printed by
 *       {@link io.hotline.reports.ReportFormat} as a table or CSV; {@link io.hotline.reports.ComplaintPromises} says
 *       whether the tickets' promises were kept; {@link io.hotline.reports.CallHistory} is one call's whole life
 *       (IVR session, queue segments with after-call work, ticket);
 *   <li>{@link io.hotline.reports.DemoHistory}: a week of made-up queue calls for the demo, marked as such.
 * </ul>
 *
 * <p>An owner of data: the SQL on these tables lives here, and the console and the CLI only call it. Threading:
 * the stores are blocking JDBC, for virtual threads; {@code LiveQueues} belongs to the console's event loop.
 */
package io.hotline.reports;
