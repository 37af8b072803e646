package io.hotline.console;

import io.hotline.announcements.Announcement;
import io.hotline.announcements.AnnouncementDesk;
import io.hotline.announcements.BadField;
import io.hotline.announcements.Draft;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of announcements (admins only, as every {@code /api/admin/} route): list, create, edit, switch on
 * and off. A bad field is 400 naming it ({@code texts.zh}, {@code endsAt}, ...); the desk audits each change. The
 * board shows the live ones to everyone signed in ({@link #live}).
 */
final class AnnouncementRoutes {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementRoutes.class);

    private final AnnouncementDesk desk;
    private final Blocking blocking;
    private final Clock clock;

    AnnouncementRoutes(AnnouncementDesk desk, Blocking blocking, Clock clock) {
        this.desk = desk;
        this.blocking = blocking;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/admin/announcements").handler(this::list);
        router.post("/api/admin/announcements").handler(ctx -> save(ctx, null));
        router.post("/api/admin/announcements/:id").handler(ctx -> save(ctx, id(ctx)));
        router.post("/api/admin/announcements/:id/on").handler(ctx -> switchTo(ctx, true));
        router.post("/api/admin/announcements/:id/off").handler(ctx -> switchTo(ctx, false));
    }

    /** The live announcements for the board: what callers hear now. */
    static JsonArray live(AnnouncementDesk desk) {
        JsonArray out = new JsonArray();
        if (desk != null) {
            for (Announcement a : desk.liveNow()) {
                out.add(new JsonObject()
                        .put("id", a.id())
                        .put("title", a.title())
                        .put(
                                "journeys",
                                new JsonArray(a.journeys().stream().sorted().toList()))
                        .put("endsAt", a.endsAt().toString()));
            }
        }
        return out;
    }

    private void list(RoutingContext ctx) {
        blocking.run(desk::list).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
                return;
            }
            Instant now = clock.instant();
            JsonArray all = new JsonArray();
            ar.result().forEach(a -> all.add(json(a, now)));
            Http.ok(
                    ctx,
                    new JsonObject()
                            .put("now", now.toString())
                            .put("languages", new JsonArray(List.copyOf(desk.languages())))
                            .put("journeys", new JsonArray(List.copyOf(desk.journeys())))
                            .put("announcements", all));
        });
    }

    private void save(RoutingContext ctx, Long id) {
        Draft d = draft(Http.body(ctx));
        String by = Http.user(ctx).login();
        blocking.run(() -> id == null ? Optional.of(desk.create(d, by)) : desk.update(id, d, by))
                .onComplete(ar -> answer(ctx, ar.failed() ? null : ar.result(), ar.cause(), id == null ? 201 : 200));
    }

    private void switchTo(RoutingContext ctx, boolean on) {
        long id = id(ctx);
        String by = Http.user(ctx).login();
        blocking.run(() -> desk.switchTo(id, on, by))
                .onComplete(ar -> answer(ctx, ar.failed() ? null : ar.result(), ar.cause(), 200));
    }

    private void answer(RoutingContext ctx, Optional<Announcement> a, Throwable failure, int status) {
        if (failure instanceof BadField bad) {
            Http.badField(ctx, new JsonBody.BadField(bad.field(), bad.getMessage()));
            return;
        }
        if (failure != null) {
            fail(ctx, failure);
            return;
        }
        if (a.isEmpty()) {
            Http.error(ctx, 404, "no such announcement");
            return;
        }
        Http.json(ctx, status, json(a.get(), clock.instant()));
    }

    private JsonObject json(Announcement a, Instant now) {
        JsonObject recordings = new JsonObject();
        if (a.audio() == Announcement.Audio.RECORDING) {
            a.texts().keySet().forEach(lang -> recordings.put(lang, desk.recordingPath(a.id(), lang)));
        }
        return new JsonObject()
                .put("id", a.id())
                .put("title", a.title())
                .put("texts", new JsonObject(new LinkedHashMap<>(a.texts())))
                .put("journeys", new JsonArray(a.journeys().stream().sorted().toList()))
                .put("startsAt", a.startsAt().toString())
                .put("endsAt", a.endsAt().toString())
                .put("audio", a.audio().wire())
                .put("enabled", a.enabled())
                .put("audioReady", a.audioReady())
                .put("audioNote", a.audioNote())
                .put("status", a.status(now).wire())
                .put("recordings", recordings)
                .put("updatedBy", a.updatedBy())
                .put("updatedAt", a.updatedAt().toString());
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new JsonBody.BadField("id", "id must be an announcement's number");
        }
    }

    /** The body as a draft; a field of the wrong shape is a 400 naming it (the desk checks the values). */
    private static Draft draft(JsonBody b) {
        String title = b.text("title");
        Map<String, String> texts = new LinkedHashMap<>();
        JsonObject t = b.object("texts");
        for (String lang : t.fieldNames()) {
            if (!(t.getValue(lang) instanceof String s)) {
                throw new JsonBody.BadField("texts." + lang, "texts." + lang + " must be text");
            }
            texts.put(lang, s);
        }
        Set<String> journeys = new LinkedHashSet<>();
        for (Object j : b.optionalArray("journeys").orElse(new JsonArray())) {
            if (!(j instanceof String s)) {
                throw new JsonBody.BadField("journeys", "journeys must be a list of flow ids");
            }
            journeys.add(s);
        }
        Instant starts = instant(b.text("startsAt"), "startsAt");
        Instant ends = instant(b.text("endsAt"), "endsAt");
        String audio = b.optionalText("audio").orElse("synthesized");
        Announcement.Audio kind = switch (audio) {
            case "synthesized" -> Announcement.Audio.SYNTHESIZED;
            case "recording" -> Announcement.Audio.RECORDING;
            default -> throw new JsonBody.BadField("audio", "audio must be 'synthesized' or 'recording'");
        };
        return new Draft(title, texts, journeys, starts, ends, kind);
    }

    private static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new JsonBody.BadField(
                    field, field + " must be a date-time with its offset, e.g. 2026-12-02T14:00+08:00");
        }
    }

    private static void fail(RoutingContext ctx, Throwable t) {
        log.warn("announcement request {} failed: {}", ctx.request().path(), t == null ? "?" : t.toString());
        Http.error(ctx, 500, "could not do that: " + (t == null ? "unknown error" : t.getMessage()));
    }
}
