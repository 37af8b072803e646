package io.hotline.console;

import io.hotline.config.Settings;
import io.hotline.wallet.ResetCodeCheck;
import io.hotline.wallet.Wallet;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/reset-codes/verify}: the wallet app's backend checks a reset code a customer typed. A service
 * API, not a console one: it takes {@code Authorization: Bearer <HOTLINE_RESET_API_TOKEN>} (compared in constant
 * time), never a console session, and is off (503) until that key is set.
 *
 * <p>Request {@code {"msisdn": "13800138000", "code": "123456"}}; answer 200
 * {@code {"result": "valid" | "wrong" | "no_valid_code" | "locked"}} ({@link ResetCodeCheck}: {@code valid} uses the
 * code up). Bad input is 400 naming the field, a missing or wrong token 401, a database that does not answer 503;
 * never 500. The wallet's rules: single use, ten-minute expiry, 3 tries per code, 5 wrong tries per account per
 * hour; every check is audited without the code.
 *
 * <p>Threading: handlers run on the event loop; the check (JDBC) runs on a worker.
 */
public final class ResetCodeApi {
    private static final Logger log = LoggerFactory.getLogger(ResetCodeApi.class);
    public static final String PATH = "/api/v1/reset-codes/verify";
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern MSISDN = Pattern.compile("\\+?[0-9 -]{5,24}");

    private final Wallet wallet;
    private final ServiceToken token;

    private ResetCodeApi(Wallet wallet, ServiceToken token) {
        this.wallet = wallet;
        this.token = token;
    }

    /**
     * The API as {@code HOTLINE_RESET_API_TOKEN} sets it: off when unset.
     *
     * @throws io.hotline.config.ConfigException when the token is shorter than {@value ServiceToken#MIN_LENGTH} characters
     */
    public static ResetCodeApi from(Settings settings, Wallet wallet) {
        return new ResetCodeApi(wallet, ServiceToken.from(settings, "HOTLINE_RESET_API_TOKEN"));
    }

    /** For tests: the API with this token (null: off). */
    public static ResetCodeApi withToken(Wallet wallet, String token) {
        return new ResetCodeApi(wallet, ServiceToken.of(token));
    }

    /** Mounts the route; call before the console's own {@code /api/*} handlers (which want a session). */
    public void mount(Router router) {
        router.route(PATH).handler(BodyHandler.create().setBodyLimit(4 * 1024));
        router.post(PATH).handler(this::verify);
        router.route(PATH).handler(ctx -> Http.error(ctx, 405, "use POST"));
    }

    private void verify(RoutingContext ctx) {
        if (token.off()) {
            Http.error(ctx, 503, "the reset-code API is off: set HOTLINE_RESET_API_TOKEN");
            return;
        }
        if (!token.admits(ctx)) {
            return;
        }
        JsonObject body = ServiceToken.objectBody(ctx);
        if (body == null) {
            Http.error(ctx, 400, "body: must be a JSON object with msisdn and code");
            return;
        }
        Object msisdn = body.getValue("msisdn");
        if (!(msisdn instanceof String m) || !MSISDN.matcher(m).matches()) {
            Http.error(ctx, 400, "msisdn: must be the registered phone number as a string of digits");
            return;
        }
        Object code = body.getValue("code");
        if (!(code instanceof String c) || !CODE.matcher(c).matches()) {
            Http.error(ctx, 400, "code: must be a string of 6 digits");
            return;
        }
        String phone = m;
        String typed = c;
        ctx.vertx()
                .executeBlocking(() -> wallet.verifyResetCode(phone, typed, "api:reset-codes"), false)
                .onSuccess(r ->
                        Http.ok(ctx, new JsonObject().put("result", r.name().toLowerCase(Locale.ROOT))))
                .onFailure(e -> {
                    log.warn("reset code check failed: {}", e.getClass().getSimpleName());
                    Http.error(ctx, 503, "the wallet database is not answering; try again");
                });
    }
}
