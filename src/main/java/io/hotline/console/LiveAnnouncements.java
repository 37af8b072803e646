package io.hotline.console;

import io.hotline.announcements.Announcement;
import io.hotline.announcements.AnnouncementDesk;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Sends the board again whenever what callers hear at the announcement points changes: an announcement switched
 * on, off or edited (the desk says so, on this node or another), and an announcement's time window beginning or
 * ending, which no one switches: the live ones are compared every {@value #CHECK_MS} ms, from the desk's memory on
 * the desk's clock. Confined to the console's event loop.
 */
final class LiveAnnouncements {
    static final long CHECK_MS = 1_000;

    private final AnnouncementDesk desk;
    private final Runnable changed;
    private List<Long> sent;

    private LiveAnnouncements(AnnouncementDesk desk, Runnable changed) {
        this.desk = desk;
        this.changed = changed;
        this.sent = live();
    }

    /** Follows the desk until the returned one is run; {@code changed} runs on {@code context}. */
    static Runnable follow(Vertx vertx, Context context, AnnouncementDesk desk, Runnable changed) {
        LiveAnnouncements live = new LiveAnnouncements(desk, changed);
        Runnable stopListening = desk.onChange(() -> context.runOnContext(v -> changed.run()));
        long timer = vertx.setPeriodic(CHECK_MS, id -> live.check());
        return () -> {
            stopListening.run();
            vertx.cancelTimer(timer);
        };
    }

    private void check() {
        List<Long> now = live();
        if (!now.equals(sent)) {
            sent = now;
            changed.run();
        }
    }

    private List<Long> live() {
        return desk.liveNow().stream().map(Announcement::id).toList();
    }
}
