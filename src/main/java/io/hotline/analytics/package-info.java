/**
 * What the recorded call sessions tell admins: {@link io.hotline.analytics.Replay} runs
 * recorded calls (keys per node, action outcomes and the variables the actions set) again
 * against a candidate flow set, without touching the wallet, and finds every call whose path
 * would now differ; {@link io.hotline.analytics.FlowStats} counts per node (entered, exits,
 * timeouts, hang-ups) and per journey (containment).
 */
package io.hotline.analytics;
