package io.hotline.telephony.ari;

import io.hotline.call.Call;
import io.hotline.call.CallEnded;
import io.hotline.call.CallInfo;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.call.TelephonyException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The {@link Call} port over ARI. Each method hops to the client's Vert.x context to start
 * the operation on the call's {@link ChannelSession} and parks the calling (virtual)
 * thread until the operation's future completes there; the event loop itself never
 * blocks.
 */
final class AriCall implements Call {
    private final CallInfo info;
    private final ChannelSession session;
    private final Context context;
    private final Media media;

    AriCall(CallInfo info, ChannelSession session, Context context, Media media) {
        this.info = info;
        this.session = session;
        this.context = context;
        this.media = media;
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public Key play(List<PromptPart> parts, String language, String interruptKeys) {
        List<String> uris = media.uris(parts, language);
        return await(() -> session.play(uris, language, interruptKeys));
    }

    @Override
    public Key waitForKey(Duration timeout) {
        return await(() -> session.waitForKey(timeout));
    }

    /**
     * ARI's recording of the channel (a stored recording on Asterisk's host), then its file through the
     * stored-recordings API ({@code GET /recordings/stored/{name}/file}), deleted there once fetched.
     */
    @Override
    public io.hotline.call.Recording record(io.hotline.call.RecordRequest request) {
        ChannelSession.Recorded done =
                await(() -> session.record(request.name(), request.maxLength(), request.silence(), request.stopKeys()));
        io.vertx.core.buffer.Buffer file = await(() -> session.takeStored(request.name()));
        byte[] audio = file == null || !"done".equals(done.state()) ? new byte[0] : file.getBytes();
        Duration length = Duration.ofMillis(Math.max(0, audio.length - 44) / 16); // 8 kHz, 16-bit mono wav
        var end = done.hungUp()
                ? io.hotline.call.Recording.Ended.HANGUP
                : done.keyPressed()
                        ? io.hotline.call.Recording.Ended.KEY
                        : length.compareTo(request.maxLength().minusSeconds(1)) >= 0
                                ? io.hotline.call.Recording.Ended.MAX_LENGTH
                                : io.hotline.call.Recording.Ended.SILENCE;
        return new io.hotline.call.Recording(audio, "audio/wav", audio.length == 0 ? Duration.ZERO : length, end);
    }

    @Override
    public void setVariables(Map<String, String> variables) {
        await(() -> session.setVariables(variables));
    }

    @Override
    public void handToQueue(QueueHandoff handoff) {
        await(() -> session.handToQueue(handoff));
    }

    @Override
    public void hangup() {
        await(session::hangup);
    }

    /** After the handler returned: hang up a call it left in Stasis. */
    void release() {
        await(session::hangup);
    }

    private <T> T await(Supplier<Future<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            Future<T> f;
            try {
                f = operation.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            f.onComplete(ar -> {
                if (ar.succeeded()) {
                    result.complete(ar.result());
                } else {
                    result.completeExceptionally(ar.cause());
                }
            });
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelephonyException("call " + info.callId() + ": interrupted while waiting for Asterisk");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallEnded ended) {
                throw new CallEnded(ended.getMessage());
            }
            throw new TelephonyException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
