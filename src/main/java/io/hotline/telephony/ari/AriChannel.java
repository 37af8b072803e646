package io.hotline.telephony.ari;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The parts of an ARI {@code Channel} object (channels.json, model {@code Channel}) the
 * adapter uses.
 *
 * @param id           the channel's unique id (AMI's Uniqueid)
 * @param name         e.g. {@code PJSIP/sipp-00000002}
 * @param state        {@code Ring}, {@code Up}, ...
 * @param callerNumber {@code caller.number}; a phone number, never log it unmasked
 * @param language     the channel's language ({@code en} when Asterisk sent none)
 * @param exten        {@code dialplan.exten}: what the caller dialled
 * @param appData      {@code dialplan.app_data}: for a channel in Stasis, the application
 *                     name followed by its arguments ({@code hotline,main})
 */
record AriChannel(
        String id, String name, String state, String callerNumber, String language, String exten, String appData) {

    AriChannel {
        Objects.requireNonNull(id, "id");
    }

    static AriChannel fromJson(JsonObject json) {
        if (json == null || json.getString("id") == null) {
            throw new IllegalArgumentException("channel object without id");
        }
        JsonObject caller = json.getJsonObject("caller", new JsonObject());
        JsonObject dialplan = json.getJsonObject("dialplan", new JsonObject());
        String language = json.getString("language", "");
        return new AriChannel(
                json.getString("id"),
                json.getString("name", ""),
                json.getString("state", ""),
                caller.getString("number", ""),
                language.isBlank() ? "en" : language,
                dialplan.getString("exten", ""),
                dialplan.getString("app_data", ""));
    }
}
