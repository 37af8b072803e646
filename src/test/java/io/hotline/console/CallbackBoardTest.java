package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.contact.Callback;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The callbacks on the board: those waiting for the opening")
class CallbackBoardTest {
    private static final Instant BOOKED = Instant.parse("2026-12-02T15:30:00Z");
    private static final Instant OPENS = Instant.parse("2026-12-03T00:00:00Z");
    private static final JsonObject BOARD = new JsonObject()
            .put(
                    "queues",
                    new JsonArray()
                            .add(new JsonObject().put("name", "general-support"))
                            .add(new JsonObject().put("name", "recharge")));

    private static Callback cb(String ref, String queue, int priority, String status, int minutesAfter) {
        return new Callback(
                ref,
                "",
                "c-" + ref,
                queue,
                priority,
                "en",
                null,
                "*******8000",
                status,
                BOOKED.plusSeconds(60L * minutesAfter),
                0,
                status.equals("pending") ? OPENS : BOOKED,
                "",
                "",
                "");
    }

    private static List<String> refs(JsonArray view, String queue) {
        return view.stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("queue").equals(queue))
                .map(o -> o.getString("reference"))
                .toList();
    }

    private final Callback a = cb("CB-100001", "general-support", 0, "pending", 0);
    private final Callback b = cb("CB-100002", "general-support", 0, "pending", 5);
    private final Callback c = cb("CB-100003", "general-support", 0, "pending", 9);
    private final Callback urgent = cb("CB-100004", "general-support", 5, "pending", 20);
    private final Callback elsewhere = cb("CB-100005", "recharge", 0, "pending", 2);
    private final Callback queued = cb("CB-100006", "general-support", 0, "waiting", 3);

    @Test
    @DisplayName("they are listed by priority, then the time of their place: the order they start in")
    void listedInTheOrderTheyStart() {
        var board = new CallbackBoard();
        board.update(List.of(c, elsewhere, a, urgent, b));
        assertThat(refs(board.view(BOARD, BOOKED), "general-support"))
                .containsExactly(urgent.reference(), a.reference(), b.reference(), c.reference());
        assertThat(board.view(BOARD, BOOKED).getJsonObject(0).getString("startsAt"))
                .isEqualTo(OPENS.toString());
    }

    @Test
    @DisplayName("one step up or down goes just past the neighbour among those waiting for the same queue's opening,"
            + " never past a waiting callback, another queue's, or a higher priority")
    void oneStepAmongThoseWaitingForTheOpening() {
        var board = new CallbackBoard();
        board.update(List.of(a, b, c, urgent, elsewhere, queued));
        assertThat(board.oneStep(BOARD, b, true)).contains(a.placedAt().minusMillis(1));
        assertThat(board.oneStep(BOARD, b, false)).contains(c.placedAt().plusMillis(1));
        assertThat(board.oneStep(BOARD, c, false)).isEmpty();
        assertThat(board.oneStep(BOARD, a, true)).isEmpty(); // the one ahead has a higher priority
        assertThat(board.oneStep(BOARD, urgent, false)).isEmpty();
        assertThat(board.oneStep(BOARD, elsewhere, true)).isEmpty();
    }
}
