package io.hotline.emulator.ari;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One playback on an {@link EmulatedChannel}: its media, the item now playing and its timer. Confined to the
 * emulator's context.
 */
@SuppressWarnings("ArrayRecordComponent") // the arrays are the playback's mutable cursor; never compared
record Playback(
        String id,
        EmulatedChannel channel,
        List<String> media,
        int[] index,
        long[] timer,
        String lang,
        boolean[] itemFailed) {
    String uri() {
        return media.get(index[0]);
    }

    JsonObject json(String state) {
        JsonObject pb = new JsonObject().put("id", id).put("media_uri", uri());
        if (index[0] + 1 < media.size()) {
            pb.put("next_media_uri", media.get(index[0] + 1));
        }
        return pb.put("target_uri", "channel:" + channel.id())
                .put("language", channel.language())
                .put("state", state);
    }
}
