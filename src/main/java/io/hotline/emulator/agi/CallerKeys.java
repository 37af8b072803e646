package io.hotline.emulator.agi;

/**
 * The emulated caller's keys, as {@code hotline call --keys} takes them: the next key is pressed during the first
 * command that listens for it; {@code .} lets one WAIT FOR DIGIT time out; {@code ~} is the caller speaking (a
 * RECORD FILE hears them). Used by the dialogue's one thread.
 */
final class CallerKeys {
    private final String keys;
    private int next;

    CallerKeys(String keys) {
        this.keys = keys.replaceAll("\\s+", "");
    }

    /** The key pressed during a listening command (STREAM FILE, SAY) with these escape digits, as its ASCII code, or 0. */
    int during(String escapeDigits) {
        if (escapeDigits.isEmpty() || next >= keys.length()) {
            return 0;
        }
        char k = keys.charAt(next);
        if (k != '.' && escapeDigits.indexOf(k) >= 0) {
            next++;
            return k;
        }
        return 0;
    }

    /** Whether the keys have run out: a WAIT FOR DIGIT now is the caller hanging up. */
    boolean runOut() {
        return next >= keys.length();
    }

    /** WAIT FOR DIGIT's result: the next key's ASCII code, 0 for a time-out ({@code .}, or {@code ~}). */
    int waitForDigit() {
        char k = keys.charAt(next++);
        return k == '.' || k == '~' ? 0 : k;
    }

    /** Whether the caller speaks now (the next key is {@code ~}), taking that key. */
    boolean speaks() {
        if (next < keys.length() && keys.charAt(next) == '~') {
            next++;
            return true;
        }
        return false;
    }
}
