/**
 * Flow tests for admins: {@code ivr-flows/tests/*.yaml} describe calls (caller number,
 * account fixture, keys) and what must happen (prompts heard, actions done with outcomes,
 * how the call ended, queue, ticket category). {@link io.hotline.flowtest.CaseRunner} runs
 * each case as a simulated call on the real engine and actions, against its own copy of
 * the demo data in a throwaway embedded PostgreSQL, and reports a readable difference.
 *
 * <p>Stages as for flows: {@link io.hotline.flowtest.CaseFiles} reads the files (every
 * problem with file:line, never stopping at the first), the runner runs the cases.
 */
package io.hotline.flowtest;
