package io.hotline.users;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console users of the demo, created next to the demo accounts (README, "Demo sign-in").
 * Their interfaces are the lab Asterisk's queue members ({@code Local/agent1@agents} answers the
 * fraud queue, {@code Local/agent2@agents} the recharge queue), so the recorded AMI streams pop on
 * alice's screen. Never create them on a production database: the passwords are public.
 */
public final class DemoUsers {
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    static final List<String> ALL_QUEUES = List.of("fraud", "recharge", "account", "general-support");

    /** One demo user with its (public) password. */
    public record Demo(Users.NewUser user, String password) {}

    public static final List<Demo> USERS = List.of(
            new Demo(new Users.NewUser("admin", "Admin", Role.ADMIN, null, ALL_QUEUES), "admin-demo"),
            new Demo(
                    new Users.NewUser(
                            "alice", "Alice", Role.AGENT, "Local/agent1@agents", List.of("fraud", "general-support")),
                    "alice-demo"),
            new Demo(
                    new Users.NewUser(
                            "bob",
                            "Bob",
                            Role.AGENT,
                            "Local/agent2@agents",
                            List.of("recharge", "account", "general-support")),
                    "bob-demo"),
            new Demo(new Users.NewUser("sam", "Sam", Role.SUPERVISOR, null, ALL_QUEUES), "sam-demo"));

    private DemoUsers() {}

    /** Creates the demo users that do not exist yet; returns how many were created. Blocking. */
    public static int ensure(Users users) {
        int created = 0;
        for (Demo d : USERS) {
            if (users.byLogin(d.user().login()).isEmpty()) {
                try {
                    users.add(d.user(), d.password());
                    created++;
                } catch (Users.UserExists e) {
                    log.info("demo user {} not created: {}", d.user().login(), e.getMessage());
                }
            }
        }
        if (created > 0) {
            log.info("demo console users created: admin, alice, bob, sam (passwords <login>-demo; see README)");
        }
        return created;
    }
}
