package io.hotline.prompts;

import io.hotline.flow.Flow;
import io.hotline.flow.FlowSet;
import io.hotline.flow.Node;
import io.hotline.flow.Prompt;
import io.hotline.flow.Segment;
import io.hotline.flow.Source;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flows built by hand, as the YAML loader would build them. */
final class TestFlows {
    private TestFlows() {}

    /** A prompt whose text in each language is one literal segment with the prompt's id. */
    static Prompt prompt(String id, Map<String, String> texts) {
        Map<String, List<Segment>> segments = new LinkedHashMap<>();
        texts.forEach((lang, text) -> segments.put(lang, List.of(new Segment.Literal(id, text))));
        return new Prompt(id, texts, segments, new Source("main.yaml", 3));
    }

    static Node.Say say(String flow, String node, String en, String zh) {
        return new Node.Say(
                node,
                new Source(flow + ".yaml", 5),
                prompt(flow + "." + node + ".prompt", Map.of("en", en, "zh", zh)),
                "bye");
    }

    static Node.Menu menu(String flow, String node, String en, String zh) {
        String base = flow + "." + node;
        return new Node.Menu(
                node,
                new Source(flow + ".yaml", 10),
                prompt(base + ".prompt", Map.of("en", en, "zh", zh)),
                Map.of("1", "bye"),
                Duration.ofSeconds(5),
                2,
                prompt(base + ".invalid", Map.of("en", "Sorry, that key is not an option.", "zh", "对不起，没有这个选项。")),
                null,
                "bye",
                true);
    }

    static Node.Hangup bye(String flow) {
        return new Node.Hangup(
                "bye",
                new Source(flow + ".yaml", 20),
                prompt(flow + ".bye.prompt", Map.of("en", "Thank you for calling. Goodbye.", "zh", "感谢您的来电，再见。")));
    }

    /** A say node with a template: "Your recharge of {amount:recharge.amount} failed." */
    static Node.Say template(String flow, String node) {
        String id = flow + "." + node + ".prompt";
        Map<String, List<Segment>> segments = Map.of(
                "en",
                        List.of(
                                new Segment.Literal(id + ".1", "Your recharge of "),
                                new Segment.Slot(Segment.SlotKind.AMOUNT, "recharge.amount"),
                                new Segment.Literal(id + ".2", " failed."),
                                new Segment.Slot(Segment.SlotKind.DATE, "recharge.date"),
                                new Segment.Punctuation(" "),
                                new Segment.Slot(Segment.SlotKind.DIGITS, "recharge.card")),
                "zh",
                        List.of(
                                new Segment.Literal(id + ".1", "您充值的"),
                                new Segment.Slot(Segment.SlotKind.AMOUNT, "recharge.amount"),
                                new Segment.Literal(id + ".2", "失败了。")));
        Prompt p = new Prompt(id, Map.of("en", "…", "zh", "…"), segments, new Source(flow + ".yaml", 30));
        return new Node.Say(node, new Source(flow + ".yaml", 30), p, "bye");
    }

    static Flow flow(String id, Node... nodes) {
        Map<String, Node> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.put(n.id(), n);
        }
        return new Flow(id, new Source(id + ".yaml", 1), "test flow", List.of("en", "zh"), nodes[0].id(), m);
    }

    static FlowSet set(Flow... flows) {
        Map<String, Flow> m = new LinkedHashMap<>();
        for (Flow f : flows) {
            m.put(f.id(), f);
        }
        return new FlowSet(0, "test", m);
    }

    /** The usual small set: a menu, a say with a template, a goodbye. */
    static FlowSet small() {
        return set(flow(
                "main",
                menu(
                        "main",
                        "main_menu",
                        "Welcome to the wallet hotline. For a failed recharge," + " press 1.",
                        "欢迎致电钱包客服热线。充值失败请按1。"),
                template("main", "recharge_failed"),
                bye("main")));
    }
}
