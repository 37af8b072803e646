package io.hotline.telephony.ami;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import java.util.Objects;

/**
 * How Asterisk calls a caller back (queued callbacks over AMI, {@link AmiCallbackLine}).
 *
 * @param dial     the channel to originate, {@code {number}} replaced by the caller's number
 *                 ({@code HOTLINE_CALLBACK_DIAL}, default {@code PJSIP/{number}@trunk}: your trunk's endpoint)
 * @param callerId the caller ID the caller sees ({@code HOTLINE_CALLBACK_CALLERID}, e.g. {@code "Hotline" <95000>};
 *                 empty = the trunk's own)
 * @param prompt   the sound asking to press 1 ({@code HOTLINE_CALLBACK_PROMPT}, default {@code vm-press&digits/1},
 *                 Read()'s {@code &}-joined file list)
 */
public record AmiCallbackDial(String dial, String callerId, String prompt) {
    public static final String NUMBER = "{number}";

    public AmiCallbackDial {
        Objects.requireNonNull(callerId, "callerId");
        if (dial == null || !dial.contains(NUMBER) || !dial.contains("/")) {
            throw new ConfigException("HOTLINE_CALLBACK_DIAL: a channel with " + NUMBER
                    + " for the caller's number (e.g. PJSIP/" + NUMBER + "@trunk), got '" + dial + "'");
        }
        if (prompt == null || prompt.isBlank() || prompt.contains(",")) {
            throw new ConfigException("HOTLINE_CALLBACK_PROMPT: sound file(s) joined by &, got '" + prompt + "'");
        }
    }

    public static AmiCallbackDial from(Settings s) {
        return new AmiCallbackDial(
                s.string("HOTLINE_CALLBACK_DIAL", "PJSIP/" + NUMBER + "@trunk"),
                s.string("HOTLINE_CALLBACK_CALLERID", ""),
                s.string("HOTLINE_CALLBACK_PROMPT", "vm-press&digits/1"));
    }

    /** The channel that rings {@code number}. */
    String channel(String number) {
        return dial.replace(NUMBER, number);
    }
}
