package io.hotline.telephony.ari;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The events from the {@code /ari/events} WebSocket the adapter acts on (events.json),
 * reduced to what a call needs. Everything else is {@link Ignored}.
 */
sealed interface AriEvent {

    /** The channel the event concerns, or empty. */
    String channelId();

    /** A channel entered our application ({@code StasisStart}); {@code args} are Stasis()'s arguments. */
    record StasisStarted(AriChannel channel, List<String> args) implements AriEvent {
        public StasisStarted {
            args = List.copyOf(args);
        }

        @Override
        public String channelId() {
            return channel.id();
        }
    }

    /**
     * The channel left our application ({@code StasisEnd}): hung up, continued in the
     * dialplan, or moved. With {@code subscribeAll=false} it is the last event for it.
     */
    record StasisEnded(String channelId) implements AriEvent {}

    /** A key ended on the channel ({@code ChannelDtmfReceived}; sent when the tone ends). */
    record DtmfReceived(String channelId, char digit) implements AriEvent {}

    /**
     * A playback ended ({@code PlaybackFinished}). {@code state} is {@code done} when it
     * played out or was stopped, {@code failed} when it could not play (missing file,
     * hang-up).
     */
    record PlaybackFinished(String playbackId, String channelId, String state) implements AriEvent {}

    /**
     * Someone asked to hang the channel up ({@code ChannelHangupRequest}). {@code soft}
     * requests come from us ({@code DELETE /channels/{id}}): {@code cause} is then
     * Asterisk's soft-hangup flag, not a Q.850 cause.
     */
    record HangupRequested(String channelId, int cause, boolean soft) implements AriEvent {}

    /** The channel is gone ({@code ChannelDestroyed}; only seen with {@code subscribeAll}). */
    record ChannelDestroyed(String channelId, int cause) implements AriEvent {}

    /**
     * A recording ended ({@code RecordingFinished}, {@code RecordingFailed}): {@code state} {@code done},
     * {@code failed} or {@code canceled}; {@code durationSeconds} as Asterisk counted it (-1 when absent).
     */
    record RecordingEnded(String name, String channelId, String state, int durationSeconds, String cause)
            implements AriEvent {}

    /** An event the adapter does not act on. */
    record Ignored(String type, String channelId) implements AriEvent {}

    /**
     * Translates one event frame. Throws {@link IllegalArgumentException} for frames that
     * are not an ARI event object.
     */
    static AriEvent parse(String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
        return parse(json);
    }

    static AriEvent parse(JsonObject json) {
        String type = json.getString("type");
        if (type == null) {
            throw new IllegalArgumentException("event without type");
        }
        JsonObject channel = json.getJsonObject("channel");
        String channelId = channel == null ? "" : channel.getString("id", "");
        return switch (type) {
            case "StasisStart" -> new StasisStarted(AriChannel.fromJson(channel), strings(json.getJsonArray("args")));
            case "StasisEnd" -> new StasisEnded(channelId);
            case "ChannelDtmfReceived" -> {
                String digit = json.getString("digit", "");
                if (digit.length() != 1) {
                    throw new IllegalArgumentException("DTMF event without a one-character digit");
                }
                yield new DtmfReceived(channelId, digit.charAt(0));
            }
            case "PlaybackFinished" -> {
                JsonObject playback = json.getJsonObject("playback", new JsonObject());
                yield new PlaybackFinished(
                        playback.getString("id", ""),
                        targetChannel(playback.getString("target_uri", "")),
                        playback.getString("state", ""));
            }
            case "RecordingFinished", "RecordingFailed" -> {
                JsonObject rec = json.getJsonObject("recording", new JsonObject());
                yield new RecordingEnded(
                        rec.getString("name", ""),
                        targetChannel(rec.getString("target_uri", "")),
                        rec.getString("state", type.equals("RecordingFailed") ? "failed" : "done"),
                        rec.getInteger("duration", -1),
                        rec.getString("cause", ""));
            }
            case "ChannelHangupRequest" ->
                new HangupRequested(channelId, json.getInteger("cause", 0), json.getBoolean("soft", false));
            case "ChannelDestroyed" -> new ChannelDestroyed(channelId, json.getInteger("cause", 0));
            default -> new Ignored(type, channelId);
        };
    }

    private static String targetChannel(String targetUri) {
        return targetUri.startsWith("channel:") ? targetUri.substring("channel:".length()) : "";
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (Object o : array) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }
}
