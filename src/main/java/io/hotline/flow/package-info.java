/**
 * Flow files: the node model, the YAML loader that reports {@code file:line}, the
 * linter, the registry of published versions and graph export.
 *
 * <p>Stages, as in a small interpreter: {@link io.hotline.flow.FlowLoader} reads the files,
 * {@code FlowParser}/{@code NodeParser} turn each one's YAML (through a located tree,
 * {@code LocatedYaml}, so duplicate keys and lines survive) into {@link io.hotline.flow.Flow}
 * records and report what is wrong within the file; {@code FlowChecker} checks the whole set
 * (references, actions, subflow outcomes, reachability, loops without a way out); only a set
 * without problems comes back as a {@link io.hotline.flow.FlowSet} and can be published in the
 * {@link io.hotline.flow.FlowRegistry}. Every problem carries file, line and node id, and
 * checking keeps going to report all of them, sorted.
 *
 * <p>Decisions: a file with problems still gets checked as far as it goes, but follow-up
 * problems are held back where the first one explains them (a node that did not parse counts
 * as having a way out; an unreachable region is reported once, where it begins; a node of
 * unknown type stops the reachability check). Durations need a unit. Prompt literals are
 * trimmed and blank ones between slots dropped. Option keys, targets and outcome names are
 * case-sensitive text. The field lists in {@code NodeParser.FIELDS} are mirrored in
 * {@code ivr-flows/flow.schema.json} for editors; a test keeps them equal.
 * The file reference for admins is {@code docs/flow-files.md}.
 */
package io.hotline.flow;
