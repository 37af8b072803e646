package io.hotline.console;

import io.hotline.users.ConsoleUser;
import io.hotline.users.Users;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's users in memory, to find the agent an event names by interface without a database
 * round trip on the pop's path. Reloaded periodically and on a miss (at most every
 * {@value #MISS_RELOAD_SECONDS} s), since {@code hotline user add} may run in another process.
 * Confined to the console's event loop.
 */
final class UserDirectory {
    static final long MISS_RELOAD_SECONDS = 2;

    private final Users users;
    private final Blocking blocking;
    private final Clock clock;
    // read by the agent desk's thread too: whole maps replaced, never changed
    private volatile Map<String, ConsoleUser> byLogin = Map.of();
    private Map<String, ConsoleUser> byInterface = Map.of();
    private Instant loadedAt = Instant.EPOCH;
    private Future<Void> loading;

    UserDirectory(Users users, Blocking blocking, Clock clock) {
        this.users = users;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Loads (or reloads) all users; concurrent calls share one load. */
    Future<Void> reload() {
        if (loading != null) {
            return loading;
        }
        loading = blocking.run(users::all)
                .map(list -> {
                    Map<String, ConsoleUser> logins = new LinkedHashMap<>();
                    Map<String, ConsoleUser> ifaces = new LinkedHashMap<>();
                    for (ConsoleUser u : list) {
                        logins.put(u.login(), u);
                        ifaces.put(u.simInterface(), u);
                    }
                    byLogin = logins;
                    byInterface = ifaces;
                    loadedAt = clock.instant();
                    return (Void) null;
                })
                .andThen(ar -> loading = null);
        return loading;
    }

    List<ConsoleUser> all() {
        return List.copyOf(byLogin.values());
    }

    Optional<ConsoleUser> byLogin(String login) {
        return Optional.ofNullable(byLogin.get(login));
    }

    /** The user answering on this interface ({@code Sim/<login>} for users without one). */
    Future<Optional<ConsoleUser>> byInterface(String iface) {
        ConsoleUser u = byInterface.get(iface);
        if (u != null) {
            return Future.succeededFuture(Optional.of(u));
        }
        if (Duration.between(loadedAt, clock.instant()).toSeconds() < MISS_RELOAD_SECONDS) {
            return Future.succeededFuture(Optional.empty());
        }
        return reload().map(v -> Optional.ofNullable(byInterface.get(iface)));
    }
}
