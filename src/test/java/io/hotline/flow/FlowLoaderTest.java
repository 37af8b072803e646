package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.flow.Segment.Literal;
import io.hotline.flow.Segment.Slot;
import io.hotline.flow.Segment.SlotKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FlowLoaderTest {
    private static final Path SAMPLE = TestFlows.ROOT.resolve("sample");
    private static LoadResult result;
    private static Flow main;
    private static Flow verify;

    @BeforeAll
    static void load() {
        result = new FlowLoader().load(SAMPLE, TestFlows.CATALOG);
        assertThat(result.problems()).isEmpty();
        main = result.flowSet().orElseThrow().flow("main").orElseThrow();
        verify = result.flowSet().orElseThrow().flow("verify-identity").orElseThrow();
    }

    @Test
    @DisplayName("a clean directory loads every flow file in it, but not the files in its subdirectories")
    void loadsTheSet() {
        FlowSet set = result.flowSet().orElseThrow();
        assertThat(set.flows()).containsOnlyKeys("main", "verify-identity");
        assertThat(set.version()).isZero();
        assertThat(set.hash()).matches("[0-9a-f]{64}");
        assertThat(result.files()).isEqualTo(2);
    }

    @Test
    @DisplayName("the flow keeps its header, its nodes in file order and where each was written")
    void flowHeader() {
        assertThat(main.description()).isEqualTo("Main hotline menu");
        assertThat(main.languages()).containsExactly("en", "zh");
        assertThat(main.start()).isEqualTo("welcome");
        assertThat(main.nodes().keySet())
                .containsExactly(
                        "welcome",
                        "main_menu",
                        "verify",
                        "recharges",
                        "by_reason",
                        "explain_funds",
                        "no_recharge",
                        "to_fraud",
                        "to_agent",
                        "bye");
        assertThat(main.source())
                .isEqualTo(new Source(SAMPLE.resolve("main.yaml").toString(), 2));
        assertThat(main.node("main_menu").source().line()).isEqualTo(12);
    }

    @Test
    @DisplayName(
            "a menu gets its options in order, its timers and defaults, and prompt ids from flow, node and purpose")
    void menu() {
        Node.Menu m = (Node.Menu) main.node("main_menu");
        assertThat(m.options())
                .containsExactly(
                        Map.entry("1", "verify"),
                        Map.entry("2", "to_fraud"),
                        Map.entry("9", "@repeat"),
                        Map.entry("*", "@language"));
        assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(m.retries()).isEqualTo(2);
        assertThat(m.bargeIn()).isTrue();
        assertThat(m.onFail()).isEqualTo("to_agent");
        assertThat(m.targets()).containsExactly("verify", "to_fraud", "to_agent");
        assertThat(m.invalid().id()).isEqualTo("main.main_menu.invalid");
        assertThat(m.noInput().id()).isEqualTo("main.main_menu.no-input");
        assertThat(m.noInput().texts()).containsEntry("en", "Sorry, I did not hear a choice.");
        assertThat(m.prompt().segments().get("zh"))
                .containsExactly(new Literal("main.main_menu.prompt", "充值失败请按1。账户被盗请按2。"));
        assertThat(m.prompt().source().line()).isEqualTo(14);
    }

    @Test
    @DisplayName("a template with slots becomes numbered literals and slots, per language")
    void templates() {
        Prompt p = ((Node.Say) main.node("explain_funds")).prompt();
        String id = "main.explain_funds.prompt";
        assertThat(p.segments().get("en"))
                .containsExactly(
                        new Literal(id + ".1", "Your recharge of"),
                        new Slot(SlotKind.AMOUNT, "recharge.amount"),
                        new Literal(id + ".2", "on"),
                        new Slot(SlotKind.DATE, "recharge.date"),
                        new Literal(id + ".3", "failed: the card had too little money."));
        assertThat(p.segments().get("zh"))
                .containsExactly(
                        new Literal(id + ".1", "您在"),
                        new Slot(SlotKind.DATE, "recharge.date"),
                        new Literal(id + ".2", "的"),
                        new Slot(SlotKind.AMOUNT, "recharge.amount"),
                        new Literal(id + ".3", "充值失败：银行卡余额不足。"));
        assertThat(((Node.Say) main.node("welcome")).prompt().segments().get("en"))
                .containsExactly(new Literal("main.welcome.prompt", "Welcome to Wallet support."));
    }

    @Test
    @DisplayName(
            "punctuation after a slot is kept for the transcript as punctuation, not a literal to play, and ids do not move")
    void punctuationAfterASlot() {
        List<Segment> en = PromptTemplates.parse("Your reference is {chars:freeze.ref}.", "stolen.frozen.prompt");
        assertThat(en)
                .containsExactly(
                        new Literal("stolen.frozen.prompt.1", "Your reference is"),
                        new Slot(SlotKind.CHARS, "freeze.ref"),
                        new Segment.Punctuation("."));
        assertThat(PromptTemplates.parse("编号是{chars:freeze.ref}。", "x")).last().isEqualTo(new Segment.Punctuation("。"));
        assertThat(PromptTemplates.parse("{date:d}, {amount:a} went out.", "x"))
                .containsExactly(
                        new Slot(SlotKind.DATE, "d"),
                        new Segment.Punctuation(","),
                        new Slot(SlotKind.AMOUNT, "a"),
                        new Literal("x.2", "went out."));
        assertThatThrownBy(() -> new Literal("x", "。")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment.Punctuation("F")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an input gets its lengths, timers (with defaults), pattern and secure flag")
    void input() {
        Node.Input in = (Node.Input) verify.node("ask_pin");
        assertThat(in.variable()).isEqualTo("pin");
        assertThat(in.minLength()).isEqualTo(4);
        assertThat(in.maxLength()).isEqualTo(6);
        assertThat(in.terminator()).isEqualTo("#");
        assertThat(in.firstDigit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(in.interDigit()).isEqualTo(Duration.ofSeconds(3));
        assertThat(in.overall()).isEqualTo(Duration.ofSeconds(30));
        assertThat(in.retries()).isEqualTo(1);
        assertThat(in.pattern()).isEqualTo("[0-9]{4,6}");
        assertThat(in.secure()).isTrue();
        assertThat(in.targets()).containsExactly("check_pin", "failed");
    }

    @Test
    @DisplayName("actions, branches, subflows, returns, queues and hangups carry their fields")
    void otherNodes() {
        Node.Action a = (Node.Action) main.node("recharges");
        assertThat(a.action()).isEqualTo("failed_recharges");
        assertThat(a.args()).containsExactly(Map.entry("account", "${account.id}"), Map.entry("limit", "3"));
        assertThat(a.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(a.outcomes())
                .containsExactly(
                        Map.entry("found", "by_reason"),
                        Map.entry("none", "no_recharge"),
                        Map.entry("error", "to_agent"));
        assertThat(((Node.Action) verify.node("check_pin")).timeout()).isEqualTo(Duration.ofSeconds(3));

        Node.Branch b = (Node.Branch) main.node("by_reason");
        assertThat(b.cases()).hasSize(2);
        assertThat(b.cases().get(0).condition().comparisons())
                .containsExactly(new Condition.Comparison("recharge.reason", "==", "insufficient_funds"));
        assertThat(b.cases().get(1).condition().comparisons())
                .containsExactly(
                        new Condition.Comparison("attempts", ">=", "3"),
                        new Condition.Comparison("caller.verified", "set", ""));
        assertThat(b.cases().get(1).target()).isEqualTo("to_agent");
        assertThat(b.cases().get(1).source().line()).isEqualTo(40);
        assertThat(b.otherwise()).isEqualTo("to_agent");

        Node.Subflow s = (Node.Subflow) main.node("verify");
        assertThat(s.flow()).isEqualTo("verify-identity");
        assertThat(s.outcomes()).containsExactly(Map.entry("verified", "recharges"), Map.entry("failed", "to_agent"));
        assertThat(((Node.Return) verify.node("failed")).outcome()).isEqualTo("failed");

        Node.Queue fraud = (Node.Queue) main.node("to_fraud");
        assertThat(fraud.queue()).isEqualTo("fraud");
        assertThat(fraud.priority()).isEqualTo(9);
        assertThat(fraud.category()).isEqualTo("stolen");
        assertThat(fraud.prompt()).isNull();
        Node.Queue agent = (Node.Queue) main.node("to_agent");
        assertThat(agent.priority()).isZero();
        assertThat(agent.prompt().id()).isEqualTo("main.to_agent.prompt");
        assertThat(((Node.Hangup) main.node("bye")).prompt().texts()).containsEntry("zh", "再见。");
    }

    @Test
    @DisplayName("the hash depends on the files' names and bytes only, not on how the directory was named")
    void hash() {
        SortedMap<String, byte[]> files = TestFlows.files(SAMPLE);
        LoadResult same = new FlowLoader().load("elsewhere", files, TestFlows.CATALOG);
        assertThat(same.flowSet().orElseThrow().hash())
                .isEqualTo(result.flowSet().orElseThrow().hash());

        SortedMap<String, byte[]> changed = new TreeMap<>(files);
        changed.put(
                "main.yaml",
                (new String(files.get("main.yaml"), StandardCharsets.UTF_8) + "\n# edited\n")
                        .getBytes(StandardCharsets.UTF_8));
        LoadResult edited = new FlowLoader().load("elsewhere", changed, TestFlows.CATALOG);
        assertThat(edited.flowSet().orElseThrow().hash())
                .isNotEqualTo(result.flowSet().orElseThrow().hash());
    }

    @Test
    @DisplayName("problems name the file as the directory was typed, and the set is withheld")
    void problemsNameTheFileAsTyped() {
        SortedMap<String, byte[]> files = new TreeMap<>(TestFlows.files(SAMPLE));
        files.put(
                "main.yaml",
                new String(files.get("main.yaml"), StandardCharsets.UTF_8)
                        .replace("on-fail: to_agent", "on-fail: to_agnt")
                        .getBytes(StandardCharsets.UTF_8));

        LoadResult r = new FlowLoader().load("ivr-flows", files, TestFlows.CATALOG);

        assertThat(r.flowSet()).isEmpty();
        assertThat(r.problems())
                .extracting(Problem::toString)
                .containsExactly("ivr-flows/main.yaml:21: node 'main_menu': 'on-fail' goes to unknown node 'to_agnt'");
        assertThat(r.filesWithProblems()).isEqualTo(1);
    }

    @Test
    @DisplayName("a .yml file is reported instead of being silently skipped; hidden editor files are skipped")
    void ymlAndHiddenFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        for (var e : TestFlows.files(SAMPLE).entrySet()) {
            java.nio.file.Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        java.nio.file.Files.writeString(dir.resolve(".main.yaml.swp"), "not yaml: [");
        java.nio.file.Files.writeString(dir.resolve("extra.yml"), "id: extra\n");

        LoadResult r = new FlowLoader().load(dir, TestFlows.CATALOG);

        assertThat(r.problems())
                .extracting(Problem::toString)
                .containsExactly(dir.resolve("extra.yml") + ": flow files must end in .yaml (this one is not loaded)");
    }

    @Test
    @DisplayName("a file that is not UTF-8 is reported, not crashed on")
    void notUtf8() {
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of("main.yaml", new byte[] {'i', 'd', ':', (byte) 0xC3}));
        assertThat(new FlowLoader().load("ivr-flows", files, TestFlows.CATALOG).problems())
                .extracting(Problem::toString)
                .containsExactly("ivr-flows/main.yaml: not UTF-8 text");
    }

    @Test
    @DisplayName("a problem's printed form is file:line: node 'id': message, without the node when there is none")
    void problemFormat() {
        assertThat(new Problem(new Source("ivr-flows/main.yaml", 12), "main_menu", "x").toString())
                .isEqualTo("ivr-flows/main.yaml:12: node 'main_menu': x");
        assertThat(List.of(new Problem(new Source("a.yaml", 3), null, "y"))
                        .get(0)
                        .toString())
                .isEqualTo("a.yaml:3: y");
    }
}
