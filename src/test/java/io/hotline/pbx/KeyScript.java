package io.hotline.pbx;

/**
 * A caller's keys as {@code hotline call --keys} takes them, pressed as the IVR listens: the next key
 * when a listening prompt accepts it or a wait for a key begins; {@code .} lets one wait time out;
 * when the keys have run out and the IVR waits for a key, the caller hangs up. The same rules as the
 * fast tier's {@code AgiEmulator}. Thread-safe.
 */
final class KeyScript {
    /** What the caller does now. */
    sealed interface Act {
        record Press(char key) implements Act {}

        record HangUp() implements Act {}

        record Nothing() implements Act {}
    }

    private final String keys;
    private int next;

    KeyScript(String keys) {
        this.keys = keys;
    }

    /** The IVR starts recording: true (and the {@code ~} used) when the caller speaks now. */
    synchronized boolean onRecord() {
        if (next < keys.length() && keys.charAt(next) == '~') {
            next++;
            return true;
        }
        return false;
    }

    /**
     * The IVR listens: during a prompt that {@code accepted} keys interrupt ({@code isWait} false), or
     * in a wait for any key ({@code isWait} true).
     */
    synchronized Act onListen(String accepted, boolean isWait) {
        if (next >= keys.length()) {
            return isWait ? new Act.HangUp() : new Act.Nothing();
        }
        char k = keys.charAt(next);
        if (k == '~') {
            return new Act.Nothing(); // kept for the recording it stands for
        }
        if (k == '.') {
            if (isWait) {
                next++;
            }
            return new Act.Nothing();
        }
        if (isWait || accepted.indexOf(k) >= 0) {
            next++;
            return new Act.Press(k);
        }
        return new Act.Nothing();
    }
}
