package io.hotline.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hotline.telephony.queue.QueueEvent;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link QueueEvent}s as JSON between nodes: {@code {"type": "AgentConnected", "event": {...}}}. */
public final class QueueEventJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Map<String, Class<?>> TYPES = Arrays.stream(QueueEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private QueueEventJson() {}

    public static JsonObject encode(QueueEvent e) {
        try {
            return new JsonObject()
                    .put("type", e.getClass().getSimpleName())
                    .put("event", new JsonObject(JSON.writeValueAsString(e)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException("cannot encode " + e.getClass().getSimpleName(), ex);
        }
    }

    /** The event, or empty for an unknown type or a body that does not fit it. */
    public static Optional<QueueEvent> decode(JsonObject json) {
        Class<?> type = TYPES.get(json.getString("type", ""));
        JsonObject event = json.getJsonObject("event");
        if (type == null || event == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((QueueEvent) JSON.readValue(event.encode(), type));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
