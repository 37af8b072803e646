package io.hotline.console;

import io.hotline.contact.Callback;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The queued callbacks on the board: the open ones as last read from the database (any node's), each with its
 * position in its queue's line. The line is what app_queue orders: the callers waiting (a placed callback's
 * placeholder is one of them) and the callbacks not placed now (between attempts, or waiting for the queue to
 * open), by priority, then by the time of their place. Not thread-safe: owned by the console's event loop.
 */
final class CallbackBoard {
    /** One place in a queue's line: a caller on the board, or a callback (placed or not). */
    record Place(String key, String callback, int priority, Instant at) {}

    private static final Comparator<Place> ORDER =
            Comparator.comparingInt(Place::priority).reversed().thenComparing(Place::at);

    private List<Callback> open = List.of();

    /** The open callbacks read now; true when they changed. */
    boolean update(List<Callback> fresh) {
        if (fresh.equals(open)) {
            return false;
        }
        open = List.copyOf(fresh);
        return true;
    }

    List<Callback> open() {
        return open;
    }

    /** The line of {@code queue}: its callers on {@code board} (a queue board view) and its unplaced callbacks. */
    List<Place> line(JsonObject board, String queue) {
        List<Place> line = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Object o : queueView(board, queue).getJsonArray("callers", new JsonArray())) {
            JsonObject c = (JsonObject) o;
            String cb = c.getString("callback", "");
            if (!cb.isEmpty()) {
                placed.add(cb);
            }
            // a placeholder's place is its callback's (the PBX may have seen it join later)
            Instant at = byRef(cb).map(Callback::placedAt).orElse(Instant.ofEpochMilli(c.getLong("since", 0L)));
            line.add(new Place(c.getString("call", ""), cb, c.getInteger("priority", 0), at));
        }
        for (Callback cb : open) {
            if (cb.queue().equals(queue) && cb.status().equals("waiting") && !placed.contains(cb.reference())) {
                line.add(new Place("", cb.reference(), cb.priority(), cb.placedAt()));
            }
        }
        line.sort(ORDER);
        return line;
    }

    /**
     * The callbacks of {@code queue} waiting for its opening, in the order they start in (and take their places in
     * its line then): by priority, then the time of their place.
     */
    List<Place> waitingForOpening(String queue) {
        List<Place> line = new ArrayList<>();
        for (Callback cb : open) {
            if (cb.queue().equals(queue) && cb.waitsForOpening()) {
                line.add(new Place("", cb.reference(), cb.priority(), cb.placedAt()));
            }
        }
        line.sort(ORDER);
        return line;
    }

    /**
     * Where {@code reference} goes when moved one place {@code up} (or down) in its line, or among the callbacks
     * waiting for its queue's opening when it is one of them: just before (after) its neighbour's time. Empty when it
     * has no neighbour that way within its priority (app_queue serves a higher priority first whatever the time, so
     * a place cannot be taken past one).
     */
    Optional<Instant> oneStep(JsonObject board, Callback cb, boolean up) {
        List<Place> line = cb.waitsForOpening() ? waitingForOpening(cb.queue()) : line(board, cb.queue());
        int at = -1;
        for (int i = 0; i < line.size(); i++) {
            if (line.get(i).callback().equals(cb.reference())) {
                at = i;
            }
        }
        int next = up ? at - 1 : at + 1;
        if (at < 0 || next < 0 || next >= line.size() || line.get(next).priority() != cb.priority()) {
            return Optional.empty();
        }
        Instant there = line.get(next).at();
        return Optional.of(up ? there.minusMillis(1) : there.plusMillis(1));
    }

    /**
     * The callbacks of the queues on {@code board} (the user's view), in their lines' order, with positions; then
     * those being dialed, then those waiting for their queue to open (status {@code pending}, no position yet).
     */
    JsonArray view(JsonObject board, Instant now) {
        JsonArray out = new JsonArray();
        for (Object o : board.getJsonArray("queues", new JsonArray())) {
            String queue = ((JsonObject) o).getString("name");
            Set<String> onBoard = new HashSet<>();
            for (Object c : ((JsonObject) o).getJsonArray("callers", new JsonArray())) {
                onBoard.add(((JsonObject) c).getString("callback", ""));
            }
            List<Place> line = line(board, queue);
            for (int i = 0; i < line.size(); i++) {
                String ref = line.get(i).callback();
                if (!ref.isEmpty()) {
                    int position = i + 1;
                    byRef(ref).ifPresent(cb -> out.add(json(cb, position, onBoard.contains(ref), now)));
                }
            }
            for (Callback cb : open) {
                if (cb.queue().equals(queue) && cb.status().equals("dialing")) {
                    out.add(json(cb, 0, false, now));
                }
            }
            for (Place p : waitingForOpening(queue)) { // booked while closed: they join the line at the opening
                byRef(p.callback()).ifPresent(cb -> out.add(json(cb, 0, false, now)));
            }
        }
        return out;
    }

    private Optional<Callback> byRef(String ref) {
        return open.stream().filter(cb -> cb.reference().equals(ref)).findFirst();
    }

    private static JsonObject queueView(JsonObject board, String queue) {
        for (Object o : board.getJsonArray("queues", new JsonArray())) {
            if (queue.equals(((JsonObject) o).getString("name"))) {
                return (JsonObject) o;
            }
        }
        return new JsonObject();
    }

    static JsonObject json(Callback cb, int position, boolean placed, Instant now) {
        return new JsonObject()
                .put("reference", cb.reference())
                .put("queue", cb.queue())
                .put("status", cb.status())
                .put("position", position)
                .put("placed", placed)
                .put("placedAt", cb.placedAt().toString())
                .put(
                        "startsAt",
                        cb.nextAttempt().isAfter(now) ? cb.nextAttempt().toString() : null)
                .put("attempts", cb.attempts())
                .put("lastResult", cb.lastResult())
                .put("number", cb.numberMasked())
                .put("ticket", cb.ticketRef())
                .put("priority", cb.priority())
                .put("agent", cb.agent());
    }
}
