/**
 * Flow files: the node model, the YAML loader that reports {@code file:line}, the
 * linter, the registry of published versions and graph export.
 *
 * <p>Stages, as in a small interpreter: {@code FlowLoader} turns YAML into
 * {@link io.hotline.flow.Flow} records (syntax and shape problems), {@code FlowChecker}
 * checks the whole set (references, actions, outcomes, prompts, reachability, loops),
 * and only a set without problems is published in the {@code FlowRegistry}. Every
 * problem carries file, line and node id, and checking keeps going to report all of them.
 */
package io.hotline.flow;
