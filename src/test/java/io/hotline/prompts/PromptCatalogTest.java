package io.hotline.prompts;

import static io.hotline.prompts.TestFlows.bye;
import static io.hotline.prompts.TestFlows.flow;
import static io.hotline.prompts.TestFlows.menu;
import static io.hotline.prompts.TestFlows.say;
import static io.hotline.prompts.TestFlows.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PromptCatalogTest {
    static final Voices VOICES =
            Voices.of(Map.of("en", new ToneSynthesizer("tone-en"), "zh", new ToneSynthesizer("tone-zh")));

    @Test
    @DisplayName("Every literal of every prompt of every node is catalogued in every language, with its file")
    void everyLiteral() {
        PromptCatalog c = PromptCatalog.from(TestFlows.small(), VOICES);

        assertThat(c.entries())
                .extracting(e -> e.lang() + ":" + e.id())
                .contains(
                        "en:main.main_menu.prompt", "zh:main.main_menu.prompt",
                        "en:main.main_menu.invalid", "zh:main.main_menu.invalid",
                        "en:main.recharge_failed.prompt.1", "en:main.recharge_failed.prompt.2",
                        "zh:main.recharge_failed.prompt.1", "zh:main.recharge_failed.prompt.2",
                        "en:main.bye.prompt", "zh:main.bye.prompt");
        PromptEntry e = c.entry("main.main_menu.prompt", "zh").orElseThrow();
        assertThat(e.text()).isEqualTo("欢迎致电钱包客服热线。充值失败请按1。");
        assertThat(e.relativePath()).isEqualTo("zh/main.main_menu.prompt.wav");
        assertThat(e.soundFile(Path.of("sounds"))).isEqualTo(Path.of("sounds/zh/main.main_menu.prompt.wav"));
        assertThat(e.source().file()).isEqualTo("main.yaml");
        assertThat(c.entry("main.recharge_failed.prompt.1", "en").orElseThrow().text())
                .isEqualTo("Your recharge of");
    }

    @Test
    @DisplayName("A piece with nothing to say (a space between two slots) has no prompt")
    void blankPieces() {
        PromptCatalog c = PromptCatalog.from(TestFlows.small(), VOICES);
        assertThat(c.contains("main.recharge_failed.prompt.3", "en")).isFalse();
    }

    @Test
    @DisplayName("The fixed amount words are added for each language the flows use")
    void fixedPrompts() {
        PromptCatalog c = PromptCatalog.from(TestFlows.small(), VOICES);
        assertThat(c.entry("hotline.yuan", "zh").orElseThrow().text()).isEqualTo("元");
        assertThat(c.entry("hotline.jiao", "zh").orElseThrow().text()).isEqualTo("角");
        assertThat(c.entry("hotline.fen", "en").orElseThrow().text()).isEqualTo("fen");
        assertThat(c.entry("hotline.and", "en").orElseThrow().text()).isEqualTo("and");
        assertThat(c.contains("hotline.and", "zh")).isFalse();
        assertThat(PromptCatalog.from(set(), VOICES).size()).isZero();
    }

    @Test
    @DisplayName("The Mandarin words Hotline reads numbers, dates and references with are catalogued for Chinese")
    void chineseWords() {
        PromptCatalog c = PromptCatalog.from(TestFlows.small(), VOICES);
        assertThat(c.entry("hotline.n10000", "zh").orElseThrow().text()).isEqualTo("万");
        assertThat(c.entry("hotline.n0", "zh").orElseThrow().text()).isEqualTo("零");
        assertThat(c.entry("hotline.yao", "zh").orElseThrow().text()).isEqualTo("幺");
        assertThat(c.entry("hotline.day", "zh").orElseThrow().text()).isEqualTo("日");
        assertThat(c.entry("hotline.letter.f", "zh").orElseThrow().text()).isEqualTo("F");
        assertThat(c.contains("hotline.n10000", "en")).isFalse();
    }

    @Test
    @DisplayName("Adding a node adds its prompts; the other prompts keep their ids and hashes")
    void addingANode() {
        PromptCatalog before =
                PromptCatalog.from(set(flow("main", menu("main", "m", "Press 1.", "请按1。"), bye("main"))), VOICES);
        PromptCatalog after = PromptCatalog.from(
                set(flow(
                        "main",
                        menu("main", "m", "Press 1.", "请按1。"),
                        say("main", "news", "We have news.", "我们有新消息。"),
                        bye("main"))),
                VOICES);

        assertThat(after.size()).isEqualTo(before.size() + 2);
        assertThat(after.contains("main.news.prompt", "en")).isTrue();
        before.entries().forEach(e -> assertThat(after.entry(e.id(), e.lang())).contains(e));
    }

    @Test
    @DisplayName("The hash changes with the words and with the voice, not with anything else")
    void hashes() {
        String h = PromptCatalog.hash("en", "Hello.", "v1");
        assertThat(PromptCatalog.hash("en", "Hello.", "v1")).isEqualTo(h);
        assertThat(PromptCatalog.hash("en", "Hello!", "v1")).isNotEqualTo(h);
        assertThat(PromptCatalog.hash("en", "Hello.", "v2")).isNotEqualTo(h);
        PromptCatalog a = PromptCatalog.from(TestFlows.small(), VOICES);
        PromptCatalog b = PromptCatalog.from(TestFlows.small(), Voices.of(Map.of("en", new ToneSynthesizer("other"))));
        assertThat(b.entry("main.bye.prompt", "en").orElseThrow().hash())
                .isNotEqualTo(a.entry("main.bye.prompt", "en").orElseThrow().hash());
        assertThat(b.entry("main.bye.prompt", "zh").orElseThrow().hash())
                .isNotEqualTo(a.entry("main.bye.prompt", "zh").orElseThrow().hash());
    }

    @Test
    @DisplayName("An id that cannot be a file name, or one id with two texts, is reported, not catalogued")
    void problems() {
        var odd = new io.hotline.flow.Node.Say(
                "x",
                new io.hotline.flow.Source("a.yaml", 7),
                TestFlows.prompt("../etc/passwd", Map.of("en", "Hi")),
                "bye");
        var clash = say("main", "m", "One text.", "一。");
        var clash2 = new io.hotline.flow.Node.Say(
                "m2",
                new io.hotline.flow.Source("main.yaml", 9),
                TestFlows.prompt("main.m.prompt", Map.of("en", "Another text.")),
                "bye");
        PromptCatalog c = PromptCatalog.from(set(flow("main", odd, clash, clash2, bye("main"))), VOICES);
        assertThat(c.problems()).hasSize(2);
        assertThat(c.problems().get(0)).contains("main.yaml:3").contains("../etc/passwd");
        assertThat(c.problems().get(1)).contains("main.m.prompt").contains("other words");
        assertThat(c.entry("main.m.prompt", "en").orElseThrow().text()).isEqualTo("One text.");
    }
}
