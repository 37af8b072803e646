package io.hotline.doctor;

import io.hotline.users.ConsoleUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The console users' side of the queues: every interface an agent answers on exists in Asterisk (so
 * it can be a queue member and ring), and each queue of the flows has someone who can answer it, a
 * queues.conf member or a console user taking that queue (when nobody can, a warning: the queue still
 * takes callers).
 */
final class UserChecks {
    private UserChecks() {}

    /**
     * @param users        the console users (their interfaces and queues)
     * @param queues       the queues the flows hand calls to, with their queues.conf members as Asterisk lists them
     * @param memberExists whether an interface exists in Asterisk
     */
    static List<Finding> check(
            List<ConsoleUser> users, Map<String, AmiChecks.Queue> queues, Predicate<String> memberExists) {
        List<Finding> out = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        List<ConsoleUser> answering = new ArrayList<>();
        for (ConsoleUser u : users) {
            if (u.agentInterface().isEmpty()) {
                continue;
            }
            if (memberExists.test(u.agentInterface())) {
                answering.add(u);
            } else {
                broken.add(u.login() + " (" + u.agentInterface() + ")");
            }
        }
        out.add(
                broken.isEmpty()
                        ? Finding.ok(
                                "ami.user-interfaces",
                                answering.size() + " console user" + (answering.size() == 1 ? "" : "s")
                                        + " answer on interfaces Asterisk has")
                        : Finding.problem(
                                "ami.user-interfaces",
                                "console users answer on interfaces Asterisk does not have: "
                                        + String.join(", ", broken) + "; their queue calls never ring",
                                "give each an endpoint that exists (pjsip.conf [<endpoint>] type = endpoint, or a"
                                        + " Local/<exten>@<context> whose extension exists), and set it with"
                                        + " './hotline user add --interface ...'"));
        List<String> unanswered = new ArrayList<>();
        queues.forEach((name, q) -> {
            boolean member = q.members().keySet().stream().anyMatch(memberExists);
            boolean user = answering.stream().anyMatch(u -> u.seesQueue(name));
            if (!member && !user) {
                unanswered.add(name);
            }
        });
        if (!unanswered.isEmpty()) {
            out.add(Finding.warning(
                    "ami.answerable",
                    "nobody can answer queue " + String.join(", ", unanswered)
                            + ": no queues.conf member that exists and no console user with an interface takes it",
                    "add member => <interface> to queues.conf, or a console user with --interface and that queue"));
        }
        return out;
    }
}
