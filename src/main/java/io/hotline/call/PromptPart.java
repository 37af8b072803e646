package io.hotline.call;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One piece of what the caller hears. Static text is a {@link Recorded} prompt with a
 * stable id (its sound file is {@code sounds/<lang>/<id>.wav}); dynamic values are
 * spoken by the telephony side in the caller's language (see {@code io.hotline.prompts.PhoneSpeech};
 * simulator: synthesized on the fly); {@link Punctuation} is only written.
 */
public sealed interface PromptPart {

    /** The words as a person would read them in a transcript. */
    String text();

    /** A prompt from the flows' catalog. */
    record Recorded(String id, String text) implements PromptPart {
        public Recorded {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Punctuation written in the flow between or after dynamic parts (the {@code "."} after a
     * reference): part of the transcript's text, never played, no sound file.
     */
    record Punctuation(String text) implements PromptPart {
        public Punctuation {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A whole number, spoken as a number ("one hundred and five"). */
    @SuppressWarnings("AvoidCommonTypeNames") // always written PromptPart.Number, never imported alone
    record Number(long value) implements PromptPart {
        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    /** Digits spoken one by one (phone numbers, references' digits). */
    record Digits(String digits) implements PromptPart {
        public Digits {
            if (digits == null || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("digits only: " + digits);
            }
        }

        /** The digits in {@code text}, everything else left out ("138-0013 8000" reads 13800138000). */
        public static Digits in(String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> b.append((char) c));
            return new Digits(b.toString());
        }

        @Override
        public String text() {
            return digits;
        }
    }

    /** Letters and digits spoken one by one (ticket references like {@code F-4821}). */
    record Characters(String value) implements PromptPart {
        public Characters {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return value;
        }
    }

    /** A money amount in yuan and fen, spoken as such in the caller's language. */
    record Amount(long fen) implements PromptPart {
        @Override
        public String text() {
            return String.format("%d.%02d yuan", fen / 100, Math.abs(fen % 100));
        }
    }

    /** A calendar date. */
    record Date(LocalDate date) implements PromptPart {
        public Date {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public String text() {
            return date.toString();
        }
    }
}
