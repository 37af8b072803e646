package io.hotline.console;

import io.hotline.users.SignInOutcome;
import io.hotline.users.Users;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, sign-out and the guards every other route sits behind: a session cookie (HTTP-only,
 * SameSite=Strict, Secure as configured), a CSRF token on every state-changing request (header
 * {@code X-CSRF-Token}, compared in constant time), same-origin checks, a sign-in rate limit per client
 * address ({@link SignInLimiter}) and growing waits per login and address ({@link SignInThrottle}). Before
 * sign-in nothing is kept on the server: the sign-in form's token is signed ({@link SignInTokens}).
 * Every sign-in is audited by {@link Users#signIn}.
 */
final class AuthRoutes {
    private static final Logger log = LoggerFactory.getLogger(AuthRoutes.class);
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Sessions sessions;
    private final SignInLimiter limiter;
    private final SignInThrottle throttle;
    private final SignInTokens tokens;
    private final Users users;
    private final Blocking blocking;
    private final ConsoleConfig config;

    AuthRoutes(
            Sessions sessions,
            SignInLimiter limiter,
            SignInThrottle throttle,
            SignInTokens tokens,
            Users users,
            Blocking blocking,
            ConsoleConfig config) {
        this.sessions = sessions;
        this.limiter = limiter;
        this.throttle = throttle;
        this.tokens = tokens;
        this.users = users;
        this.blocking = blocking;
        this.config = config;
    }

    /** Finds the request's session (if any) and puts it on the context; runs for every request. */
    void attachSession(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(Sessions.COOKIE);
        sessions.find(c == null ? null : c.getValue()).ifPresent(s -> ctx.put(Http.SESSION, s));
        ctx.next();
    }

    void mount(Router router, java.util.function.Consumer<Sessions.Session> sessionClosed) {
        router.get("/api/session").handler(this::session);
        router.post("/api/signin").handler(this::csrf).handler(this::signIn);
        // Everything else under /api needs a signed-in user, and a CSRF token when it changes something.
        router.route("/api/*").handler(this::requireUser).handler(this::csrf);
        router.post("/api/signout").handler(ctx -> {
            Sessions.Session s = Http.session(ctx);
            sessions.remove(s.id);
            sessionClosed.accept(s);
            ctx.response().addCookie(cookie(Sessions.COOKIE, "").setMaxAge(0));
            log.info("{} signed out", s.user.login());
            Http.ok(ctx, new JsonObject().put("signedIn", false));
        });
    }

    /**
     * GET /api/session: who is signed in, and the CSRF token. Before sign-in that is the sign-in form's
     * signed token (also set as a cookie), and nothing is stored.
     */
    private void session(RoutingContext ctx) {
        Sessions.Session s = Http.session(ctx);
        if (s == null || !s.signedIn()) {
            Cookie have = ctx.request().getCookie(SignInTokens.COOKIE);
            String token = have != null && tokens.valid(have.getValue()) ? have.getValue() : tokens.issue();
            ctx.response().addCookie(cookie(SignInTokens.COOKIE, token).setMaxAge(SignInTokens.LIFETIME.toSeconds()));
            Http.ok(ctx, new JsonObject().put("signedIn", false).put("csrf", token));
            return;
        }
        Http.ok(ctx, new JsonObject().put("signedIn", true).put("csrf", s.csrf).put("user", Http.userJson(s.user)));
    }

    private void signIn(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null
                ? "?"
                : ctx.request().remoteAddress().hostAddress();
        Duration wait = limiter.attempt(address);
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", Long.toString(wait.toSeconds()));
            Http.error(ctx, 429, "too many sign-in attempts; wait " + wait.toSeconds() + " s");
            return;
        }
        JsonBody body = Http.body(ctx);
        String login = body.text("login");
        String password = body.text("password");
        if (login.isBlank() || login.length() > 64) {
            throw new JsonBody.BadField("login", "login must be 1 to 64 characters");
        }
        if (password.isEmpty() || password.length() > 256) {
            throw new JsonBody.BadField("password", "password must be 1 to 256 characters");
        }
        Sessions.Session before = Http.session(ctx);
        // Unknown logins go through the same throttle and the same answers as real ones.
        blocking.run(() -> throttle.attempt(login, address, () -> users.signIn(login, password, address)))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.warn(
                                "sign-in failed for a technical reason: {}",
                                ar.cause().toString());
                        Http.error(ctx, 503, "sign-in is unavailable right now");
                        return;
                    }
                    SignInThrottle.Result r = ar.result();
                    long waitSeconds = (r.waitFor().toMillis() + 999) / 1000;
                    if (!r.checked()) {
                        ctx.response().putHeader("Retry-After", Long.toString(waitSeconds));
                        Http.error(
                                ctx,
                                429,
                                "too many wrong passwords for this login from here; wait " + waitSeconds + " s");
                        return;
                    }
                    switch (r.outcome()) {
                        case SignInOutcome.Accepted a -> {
                            if (before != null) {
                                sessions.remove(before.id);
                            }
                            Sessions.Session s = sessions.signedIn(a.user());
                            ctx.response().addCookie(cookie(Sessions.COOKIE, s.id));
                            ctx.response()
                                    .addCookie(cookie(SignInTokens.COOKIE, "").setMaxAge(0));
                            log.info(
                                    "{} signed in ({})",
                                    a.user().login(),
                                    a.user().role().wire());
                            Http.ok(
                                    ctx,
                                    new JsonObject()
                                            .put("signedIn", true)
                                            .put("csrf", s.csrf)
                                            .put("user", Http.userJson(a.user())));
                        }
                        case SignInOutcome.Rejected x
                        when waitSeconds > 0 -> {
                            log.info(
                                    "sign-in from {}: wrong passwords in a row for one login, it waits {} s",
                                    address,
                                    waitSeconds);
                            ctx.response().putHeader("Retry-After", Long.toString(waitSeconds));
                            Http.error(
                                    ctx,
                                    429,
                                    "wrong login or password; wait " + waitSeconds + " s before trying again");
                        }
                        case SignInOutcome.Rejected x -> Http.error(ctx, 401, "wrong login or password");
                    }
                });
    }

    private void requireUser(RoutingContext ctx) {
        Sessions.Session s = Http.session(ctx);
        if (s == null || !s.signedIn()) {
            Http.error(ctx, 401, "sign in first");
            return;
        }
        ctx.next();
    }

    /** State-changing requests need the session's CSRF token and must come from our own origin. */
    private void csrf(RoutingContext ctx) {
        if (SAFE.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        Sessions.Session s = Http.session(ctx);
        String token = ctx.request().getHeader(CSRF_HEADER);
        boolean ok;
        if (s != null) {
            ok = Sessions.same(token, s.csrf);
        } else {
            // before sign-in: the signed token of the sign-in form, sent both as cookie and header
            Cookie form = ctx.request().getCookie(SignInTokens.COOKIE);
            ok = form != null && Sessions.same(token, form.getValue()) && tokens.valid(token);
        }
        if (!ok || !Http.sameOrigin(ctx.request())) {
            Http.error(ctx, 403, "missing or wrong CSRF token; reload the page");
            return;
        }
        ctx.next();
    }

    /**
     * For every GET: the console's pages, however the path is spelt ({@code /console.html/},
     * {@code /console.html//}), redirect to the sign-in page when nobody is signed in.
     */
    void guardPages(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        String page = path.substring(0, end);
        if (!PAGES.contains(page)) {
            ctx.next();
        } else if (!page.equals(ctx.request().path())) {
            // another spelling of a page: send it to the one spelling whose routes check who may see it
            ctx.response().setStatusCode(302).putHeader("Location", page).end();
        } else {
            pageGuard(ctx);
        }
    }

    private static final Set<String> PAGES = Set.of("/console.html", "/softphone.html", "/admin.html", "/reports.html");

    /** HTML pages other than the sign-in page redirect there when nobody is signed in. */
    void pageGuard(RoutingContext ctx) {
        Sessions.Session s = Http.session(ctx);
        if (s == null || !s.signedIn()) {
            String next = ctx.request().path().startsWith("/softphone") ? "?next=softphone" : "";
            ctx.response()
                    .setStatusCode(302)
                    .putHeader("Location", "/signin.html" + next)
                    .end();
            return;
        }
        ctx.next();
    }

    Optional<Sessions.Session> signedIn(RoutingContext ctx) {
        Sessions.Session s = Http.session(ctx);
        return s != null && s.signedIn() ? Optional.of(s) : Optional.empty();
    }

    private Cookie cookie(String name, String value) {
        return Cookie.cookie(name, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(config.secureCookie())
                .setSameSite(CookieSameSite.STRICT);
    }
}
