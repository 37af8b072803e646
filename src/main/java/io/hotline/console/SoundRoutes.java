package io.hotline.console;

import io.hotline.prompts.PromptService;
import io.vertx.ext.web.RoutingContext;

/** Prompt audio over HTTP: the softphone's rendered prompts, and the prompt files for Asterisk's media cache. */
final class SoundRoutes {
    private final PromptService prompts;
    private final AuthRoutes auth;
    private final Blocking blocking;

    /** @param prompts the prompt service, or null when the server has none (everything is 404 then) */
    SoundRoutes(PromptService prompts, AuthRoutes auth, Blocking blocking) {
        this.prompts = prompts;
        this.auth = auth;
        this.blocking = blocking;
    }

    /** A rendered prompt for the softphone: only files of the prompt cache, only to signed-in users. */
    void audio(RoutingContext ctx) {
        if (auth.signedIn(ctx).isEmpty() || prompts == null) {
            Http.error(ctx, prompts == null ? 404 : 401, "no audio");
            return;
        }
        var file = SoftphoneAudio.resolve(prompts, ctx.pathParam("lang"), ctx.pathParam("file"));
        if (file.isEmpty()) {
            Http.error(ctx, 404, "no such sound");
            return;
        }
        ctx.response()
                .putHeader("Content-Type", "audio/wav")
                .putHeader("Cache-Control", "private, max-age=3600")
                .sendFile(file.get().toString());
    }

    /**
     * The prompt files themselves, for an Asterisk that fetches {@code http://hotline:8080/sounds/<lang>/<id>.wav}
     * through its HTTP media cache (docker/README-prompts.md). Public and read-only, like the audio a caller
     * hears anyway; rendered dynamic parts ({@code .cache/}, amounts and dates of real calls) are not served here.
     */
    void sounds(RoutingContext ctx) {
        String rel = ctx.request().path().substring("/sounds/".length());
        if (prompts == null || rel.startsWith(".") || rel.contains("/.")) {
            Http.error(ctx, 404, "no such sound");
            return;
        }
        blocking.run(() -> io.hotline.prompts.SoundFiles.resolve(prompts.soundsDir(), rel))
                .onComplete(ar -> {
                    if (ar.failed() || ar.result().isEmpty()) {
                        Http.error(ctx, 404, "no such sound");
                        return;
                    }
                    var f = ar.result().get();
                    ctx.response()
                            .putHeader("Content-Type", f.contentType())
                            .putHeader("Cache-Control", "public, max-age=300")
                            .sendFile(f.file().toString());
                });
    }
}
