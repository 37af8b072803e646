package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FlowGraphTest {

    @Test
    @DisplayName("the DOT graph has a box per node and an arrow per exit, labelled with key, outcome or case")
    void dot() {
        Flow main = new FlowLoader()
                .load("ivr-flows", TestFlows.files(TestFlows.ROOT.resolve("sample")), TestFlows.CATALOG)
                .flowSet()
                .orElseThrow()
                .flow("main")
                .orElseThrow();

        String dot = FlowGraph.dot(main);

        assertThat(dot).startsWith("digraph \"main\" {\n").endsWith("}\n");
        assertThat(dot)
                .contains(
                        "\"@start\" -> \"welcome\";",
                        "\"main_menu\" [label=\"main_menu\\nmenu\"];",
                        "\"recharges\" [label=\"recharges\\naction failed_recharges\"];",
                        "\"to_agent\" [label=\"to_agent\\nqueue general-support\", shape=doubleoctagon];",
                        "\"welcome\" -> \"main_menu\";",
                        "\"main_menu\" -> \"verify\" [label=\"1\"];",
                        "\"main_menu\" -> \"main_menu\" [label=\"9 @repeat\"];",
                        "\"main_menu\" -> \"to_agent\" [label=\"on-fail\"];",
                        "\"recharges\" -> \"no_recharge\" [label=\"none\"];",
                        "\"by_reason\" -> \"explain_funds\" [label=\"recharge.reason == 'insufficient_funds'\"];",
                        "\"by_reason\" -> \"to_agent\" [label=\"otherwise\"];",
                        "\"verify\" -> \"recharges\" [label=\"verified\"];");
    }

    @Test
    @DisplayName("the Mermaid flowchart has the same nodes and labelled arrows, with shapes by node type")
    void mermaid() {
        Flow main = new FlowLoader()
                .load("ivr-flows", TestFlows.files(TestFlows.ROOT.resolve("sample")), TestFlows.CATALOG)
                .flowSet()
                .orElseThrow()
                .flow("main")
                .orElseThrow();

        String m = FlowGraph.mermaid(main);

        assertThat(m).startsWith("flowchart LR\n  start((start)) --> n0\n");
        assertThat(m)
                .contains(
                        "n0[\"welcome<br/>say\"]",
                        "{\"by_reason<br/>branch\"}",
                        "[[\"to_agent<br/>queue general-support\"]]",
                        "-->|\"recharge.reason == 'insufficient_funds'\"|",
                        "-->|\"9 @repeat\"|");
        assertThat(FlowGraph.edges(main))
                .hasSize((int) m.lines().filter(l -> l.contains("-->")).count() - 1);
        assertThat(FlowGraph.mermaidText("say \"<hi>\"")).isEqualTo("say #quot;#lt;hi#gt;#quot;");
    }

    @Test
    @DisplayName("quotes and backslashes in labels are escaped")
    void escapes() {
        assertThat(FlowGraph.quote("a \"b\" \\ c")).isEqualTo("\"a \\\"b\\\" \\\\ c\"");
    }
}
