package io.hotline.emulator.agi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the emulator saw. {@code wire} has every line with its direction, as in the transcripts; {@code variables}
 * are the channel's variables as Asterisk reads them (a {@code __} prefix is not part of the name),
 * {@code inherited} the names that were set with {@code _}/{@code __}.
 */
public record AgiResult(
        Ending ending,
        List<String> commands,
        Map<String, String> variables,
        Set<String> inherited,
        List<String> wire,
        String agiStatus,
        List<String> unplayed,
        List<String> notInLanguage) {
    /** How the AGI session ended, as the dialplan would see it. */
    public enum Ending {
        /** The server ended the session on a live channel: AGISTATUS=SUCCESS, the dialplan continues. */
        SCRIPT_ENDED,
        /** The caller hung up: AGISTATUS=HANGUP, the dialplan stops. */
        CALLER_HUNG_UP,
        /** The connection dropped: on purpose ({@link AgiEmulator#closeAt} and its siblings) or broken. */
        DROPPED,
        /** The server closed the connection without sending a single command (or none could be made). */
        CLOSED_AT_ONCE
    }

    /** Commands whose first words are {@code prefix}. */
    public List<String> commands(String prefix) {
        return commands.stream().filter(c -> c.startsWith(prefix)).toList();
    }
}
