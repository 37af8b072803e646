package io.hotline.console;

import io.hotline.config.Settings;
import io.hotline.wallet.SmsOutbox;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/sms/receipts}: delivery receipts from an HTTP SMS provider (SMPP receipts come over the SMPP
 * session). {@code Authorization: Bearer <HOTLINE_SMS_HTTP_RECEIPT_TOKEN>}, off (503) until that key is set.
 *
 * <p>Request {@code {"id": "<the provider's message id>", "status": "DELIVRD", "at": "2026-12-01T10:02:00Z"}}
 * ({@code at} optional); answer 200 {@code {"recorded": true}}, or 404 when no accepted message has that id (yet:
 * the provider may send it again). Bad input is 400 naming the field; never 500.
 */
public final class SmsReceiptApi {
    private static final Logger log = LoggerFactory.getLogger(SmsReceiptApi.class);
    public static final String PATH = "/api/v1/sms/receipts";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern STATUS = Pattern.compile("[A-Za-z_]{1,20}");

    private final SmsOutbox outbox;
    private final ServiceToken token;

    private SmsReceiptApi(SmsOutbox outbox, ServiceToken token) {
        this.outbox = outbox;
        this.token = token;
    }

    /** As {@code HOTLINE_SMS_HTTP_RECEIPT_TOKEN} sets it (32+ characters); off when unset. */
    public static SmsReceiptApi from(Settings settings, SmsOutbox outbox) {
        return new SmsReceiptApi(outbox, ServiceToken.from(settings, "HOTLINE_SMS_HTTP_RECEIPT_TOKEN"));
    }

    /** For tests: with this token (null: off). */
    public static SmsReceiptApi withToken(SmsOutbox outbox, String token) {
        return new SmsReceiptApi(outbox, ServiceToken.of(token));
    }

    /** Mounts the route; before the console's own {@code /api/*} handlers. */
    public void mount(Router router) {
        router.route(PATH).handler(BodyHandler.create().setBodyLimit(4 * 1024));
        router.post(PATH).handler(this::receipt);
        router.route(PATH).handler(ctx -> Http.error(ctx, 405, "use POST"));
    }

    private void receipt(RoutingContext ctx) {
        if (token.off()) {
            Http.error(ctx, 503, "SMS receipts over HTTP are off: set HOTLINE_SMS_HTTP_RECEIPT_TOKEN");
            return;
        }
        if (!token.admits(ctx)) {
            return;
        }
        JsonObject body = ServiceToken.objectBody(ctx);
        if (body == null) {
            Http.error(ctx, 400, "body: must be a JSON object with id and status");
            return;
        }
        if (!(body.getValue("id") instanceof String id) || !ID.matcher(id).matches()) {
            Http.error(ctx, 400, "id: must be the provider's message id (1 to 64 letters, digits, . _ : -)");
            return;
        }
        if (!(body.getValue("status") instanceof String st)
                || !STATUS.matcher(st).matches()) {
            Http.error(ctx, 400, "status: must be a delivery state such as DELIVRD or UNDELIV");
            return;
        }
        Instant at = null;
        Object rawAt = body.getValue("at");
        if (rawAt != null) {
            try {
                at = Instant.parse(String.valueOf(rawAt));
            } catch (DateTimeParseException e) {
                Http.error(ctx, 400, "at: must be an ISO-8601 instant such as 2026-12-01T10:02:00Z");
                return;
            }
        }
        String providerId = (String) body.getValue("id");
        String state = ((String) body.getValue("status")).toUpperCase(Locale.ROOT);
        Instant when = at;
        ctx.vertx()
                .executeBlocking(() -> outbox.receipt(providerId, state, when), false)
                .onSuccess(found -> {
                    if (found) {
                        Http.ok(ctx, new JsonObject().put("recorded", true));
                    } else {
                        Http.error(ctx, 404, "id: no accepted message has that id");
                    }
                })
                .onFailure(e -> {
                    log.warn("SMS receipt not recorded: {}", e.getClass().getSimpleName());
                    Http.error(ctx, 503, "the database is not answering; send it again");
                });
    }
}
