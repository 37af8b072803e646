package io.hotline.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys recorded at each step of a call path (a session's path JSON, or a ticket
 * context's {@code path}), for asserting that secure digits never reach them. Compares
 * the recorded inputs only: timestamps and references may contain any digits.
 */
public final class PathInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PathInputs() {}

    public static List<String> of(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode steps = root.isArray() ? root : root.path("path");
            List<String> out = new ArrayList<>();
            for (JsonNode step : steps) {
                out.add(step.path("input").asText());
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
