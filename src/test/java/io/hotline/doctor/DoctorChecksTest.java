package io.hotline.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The doctor's checks judge what Asterisk answered")
class DoctorChecksTest {

    @Test
    @DisplayName("an AMI user that may not originate is told which write class manager.conf lacks")
    void writeClasses() {
        Finding f = AmiChecks.privileges(List.of("Originate", "PlayDTMF"), Set.of("call", "originate"), "hotline");
        assertThat(f.status()).isEqualTo(Status.PROBLEM);
        assertThat(f.detail()).isEqualTo("user hotline may not send Originate, PlayDTMF");
        assertThat(f.fix()).startsWith("manager.conf [hotline] write lacks call,originate");
        assertThat(AmiChecks.privileges(List.of(), Set.of(), "hotline").status())
                .isEqualTo(Status.OK);
    }

    @Test
    @DisplayName("another Asterisk version is a warning naming the tested one")
    void version() {
        assertThat(AmiChecks.version("22.10.1").status()).isEqualTo(Status.OK);
        Finding old = AmiChecks.version("20.5.0");
        assertThat(old.status()).isEqualTo(Status.WARNING);
        assertThat(old.detail()).contains("20.5.0", "22.10.1");
    }

    @Test
    @DisplayName("a missing queue is a problem, a queue nobody can answer a warning, the member-less test queue fine")
    void queues() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("fraud", "ivr-flows/stolen-account.yaml");
        expected.put("recharge", "ivr-flows/recharge.yaml");
        expected.put("account", "ivr-flows/password.yaml");
        expected.put("general-support", "HOTLINE_FALLBACK_QUEUE");
        expected.put("hotline-doctor", "HOTLINE_DOCTOR_QUEUE, the test call's");
        Map<String, AmiChecks.Queue> found = Map.of(
                "recharge", new AmiChecks.Queue("recharge", Map.of()),
                "account", new AmiChecks.Queue("account", Map.of("PJSIP/9999", "4")),
                "general-support", new AmiChecks.Queue("general-support", Map.of("PJSIP/2004", "5")),
                "hotline-doctor", new AmiChecks.Queue("hotline-doctor", Map.of()));
        List<Finding> out = AmiChecks.queues(expected, found, iface -> !iface.equals("PJSIP/9999"));
        assertThat(out)
                .extracting(Finding::check)
                .containsExactly(
                        "ami.queue-fraud",
                        "ami.queue-recharge",
                        "ami.queue-account",
                        "ami.queue-general-support",
                        "ami.queue-hotline-doctor");
        assertThat(out)
                .extracting(Finding::status)
                .containsExactly(Status.PROBLEM, Status.WARNING, Status.WARNING, Status.OK, Status.OK);
        assertThat(out.get(0).detail()).contains("no queue 'fraud'", "ivr-flows/stolen-account.yaml");
        assertThat(out.get(0).fix()).startsWith("add [fraud] to queues.conf");
        assertThat(out.get(1).detail()).contains("nobody can answer it");
        assertThat(out.get(2).detail()).contains("PJSIP/9999 does not exist");
    }

    @Test
    @DisplayName("no test queue only warns: the test call cannot check the queue hop")
    void testQueueMissing() {
        List<Finding> out = AmiChecks.queues(
                Map.of("hotline-doctor", "HOTLINE_DOCTOR_QUEUE, the test call's"), Map.of(), iface -> true);
        assertThat(out.getFirst().status()).isEqualTo(Status.WARNING);
        assertThat(out.getFirst().fix()).contains("[hotline-doctor](hotline-queue)");
    }

    @Test
    @DisplayName("the dialplan's HOTLINE_AGI must name the port Hotline listens on")
    void agiAddress() {
        assertThat(AmiChecks.agiGlobal("agi://hotline:4573", 4573).status()).isEqualTo(Status.OK);
        assertThat(AmiChecks.agiGlobal("agi://hotline", 4573).status()).isEqualTo(Status.OK);
        Finding wrong = AmiChecks.agiGlobal("agi://hotline:4574/main", 4573);
        assertThat(wrong.status()).isEqualTo(Status.PROBLEM);
        assertThat(wrong.fix()).startsWith("extensions.conf [globals] HOTLINE_AGI = agi://<Hotline's host>:4573");
        assertThat(AmiChecks.agiGlobal("", 4573).detail()).contains("no HOTLINE_AGI global");
        assertThat(AmiChecks.agiPort("not a url")).isEmpty();
    }

    @Test
    @DisplayName("the dialplan's FALLBACK_QUEUE must be HOTLINE_FALLBACK_QUEUE")
    void fallback() {
        assertThat(AmiChecks.fallback("general-support", "general-support").status())
                .isEqualTo(Status.OK);
        Finding f = AmiChecks.fallback("support", "general-support");
        assertThat(f.status()).isEqualTo(Status.PROBLEM);
        assertThat(f.fix()).startsWith("extensions.conf [globals] FALLBACK_QUEUE = general-support");
    }

    @Test
    @DisplayName("a queue event without one of the pop's variables names manager.conf's channelvars")
    void channelvars() {
        Map<String, String> event = new LinkedHashMap<>();
        TestCall.POP_VARIABLES.forEach(v -> event.put("ChanVariable." + v, "x"));
        event.put("ChanVariable.HOTLINE_TICKET", "TEST-1");
        // Asterisk lists every channelvars name, unset ones empty (main/channel.c, channel_get_external_vars)
        Finding noMove = ChannelVars.check(event, "TEST-1");
        assertThat(noMove.status()).isEqualTo(Status.WARNING);
        assertThat(noMove.fix()).startsWith("add HOTLINE_MOVE to manager.conf [general] channelvars");
        event.put("ChanVariable.HOTLINE_MOVE", "");
        assertThat(ChannelVars.check(event, "TEST-1").status()).isEqualTo(Status.OK);
        assertThat(ChannelVars.check(event, "TEST-2").detail()).contains("HOTLINE_TICKET='TEST-1'");
        event.remove("ChanVariable.HOTLINE_TICKET");
        event.remove("ChanVariable.HOTLINE_LANG");
        Finding f = ChannelVars.check(event, "TEST-1");
        assertThat(f.status()).isEqualTo(Status.PROBLEM);
        assertThat(f.detail()).startsWith("queue events carry no HOTLINE_TICKET, HOTLINE_LANG");
        assertThat(f.fix()).startsWith("manager.conf [general] channelvars lacks HOTLINE_TICKET,HOTLINE_LANG");
    }

    @Test
    @DisplayName("sounds: an unseen prefix, missing prompts (listed, then counted) and half-written ones")
    void sounds() {
        List<Finding> unseen = SoundFindings.from(
                "nowhere", false, "/var/lib/asterisk", "/var/lib/asterisk/sounds/nowhere", "0", "0:", "0:", "0:");
        assertThat(unseen.getFirst().check()).isEqualTo("sounds.prefix");
        assertThat(unseen.getFirst().status()).isEqualTo(Status.PROBLEM);
        assertThat(unseen.getFirst().detail()).contains("no directory /var/lib/asterisk/sounds/nowhere");
        assertThat(unseen.getFirst().fix()).startsWith("set HOTLINE_SOUNDS_PREFIX");

        List<Finding> some = SoundFindings.from(
                "hotline", true, "/d", "/d/sounds/hotline", "400", "14:en/a,en/b", "1:zh/c.wav16", "0:");
        assertThat(some)
                .extracting(Finding::check)
                .containsExactly("sounds.prefix", "sounds.prompts", "sounds.formats", "sounds.core");
        assertThat(some)
                .extracting(Finding::status)
                .containsExactly(Status.OK, Status.PROBLEM, Status.WARNING, Status.OK);
        assertThat(some.get(1).detail())
                .isEqualTo("14 prompts are missing in /d/sounds/hotline: en/a, en/b and 12 more");
        assertThat(some.get(2).detail()).contains("zh/c.wav16");
    }

    @Test
    @DisplayName("a list variable carries its count and at most twelve names")
    void lists() {
        List<String> many = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "en/p" + i)
                .toList();
        String v = TestCallFlow.list(many);
        assertThat(SoundFindings.count(v)).isEqualTo(20);
        assertThat(SoundFindings.names(v)).endsWith("en/p11 and 8 more");
        assertThat(TestCallFlow.list(List.of())).isEqualTo("0:");
    }

    @Test
    @DisplayName("a console user on an interface Asterisk lacks is a problem; a queue nobody can answer a warning")
    void consoleUsers() {
        var alice = new io.hotline.users.ConsoleUser(
                1, "alice", "Alice", io.hotline.users.Role.AGENT, "Local/agent1@agents", List.of("fraud"));
        var bob = new io.hotline.users.ConsoleUser(
                2, "bob", "Bob", io.hotline.users.Role.AGENT, "PJSIP/2999", List.of("recharge"));
        var carol =
                new io.hotline.users.ConsoleUser(3, "carol", "Carol", io.hotline.users.Role.SUPERVISOR, "", List.of());
        Map<String, AmiChecks.Queue> queues = new LinkedHashMap<>();
        queues.put("fraud", new AmiChecks.Queue("fraud", Map.of()));
        queues.put("recharge", new AmiChecks.Queue("recharge", Map.of()));
        queues.put("account", new AmiChecks.Queue("account", Map.of("PJSIP/2003", "5")));
        List<Finding> out = UserChecks.check(List.of(alice, bob, carol), queues, iface -> !iface.equals("PJSIP/2999"));
        assertThat(out).extracting(Finding::check).containsExactly("ami.user-interfaces", "ami.answerable");
        assertThat(out.get(0).status()).isEqualTo(Status.PROBLEM);
        assertThat(out.get(0).detail()).contains("bob (PJSIP/2999)").doesNotContain("alice");
        assertThat(out.get(0).fix()).contains("pjsip.conf");
        assertThat(out.get(1).status()).isEqualTo(Status.WARNING);
        assertThat(out.get(1).detail()).startsWith("nobody can answer queue recharge:");

        List<Finding> fine = UserChecks.check(List.of(alice), Map.of("fraud", queues.get("fraud")), iface -> true);
        assertThat(fine).extracting(Finding::status).containsExactly(Status.OK);
    }
}
