package io.hotline.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses API requests whose path or body carries a NUL or another control character (other than
 * whitespace) with 400 and a clear error. PostgreSQL stores no NUL in text, so such a value reached the
 * database as an error and came back as "the database is not answering" (found by
 * {@code ConsoleApiFuzzIT}); nobody types one on purpose.
 */
final class InputGuard {
    private InputGuard() {}

    /** Route handler for {@code /api/*}, after the body handler. */
    static void check(RoutingContext ctx) {
        String path;
        try {
            path = java.net.URLDecoder.decode(
                    ctx.request().path().replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            Http.error(ctx, 400, "the address is not valid");
            return;
        }
        if (hasControl(path)) {
            Http.error(ctx, 400, "the address contains control characters");
            return;
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body != null
                && (containsNul(body)
                        || body.toString().toLowerCase(java.util.Locale.ROOT).contains("\\u0000"))) {
            Http.error(ctx, 400, "the request contains a NUL character");
            return;
        }
        ctx.next();
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNul(Buffer b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.getByte(i) == 0) {
                return true;
            }
        }
        return false;
    }
}
