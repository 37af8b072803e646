package io.hotline.prompts;

/**
 * What {@link PromptGenerator} did (or found) for one prompt or file.
 *
 * @param kind   what happened
 * @param path   the file, relative to the sounds directory ({@code en/main.menu.prompt.wav})
 * @param detail more words for a person (why it failed, what was removed), or empty
 */
public record PromptAction(Kind kind, String path, String detail) {

    public enum Kind {
        /** Synthesized for the first time. */
        WRITTEN("written"),
        /** Synthesized again: the text or the voice changed. */
        UPDATED("updated"),
        /** Already generated from the same text and voice. */
        UNCHANGED("unchanged"),
        /** A recording is in place; it wins and was left alone. */
        RECORDING("recording"),
        /** A generated file of a prompt that no longer exists (kept; {@code --prune} deletes). */
        ORPHAN("orphan"),
        /** An orphan that was deleted. */
        PRUNED("pruned"),
        /** Could not be produced: no recording and no working synthesizer, or synthesis failed. */
        FAILED("FAILED");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public PromptAction {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(path, "path");
        detail = detail == null ? "" : detail;
    }

    /** One line for the command's output: {@code written    en/x.wav  (1.8 s of speech)}. */
    @Override
    public String toString() {
        return String.format("%-9s %s%s", kind.word(), path, detail.isEmpty() ? "" : "  (" + detail + ")");
    }
}
