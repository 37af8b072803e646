package io.hotline.emulator.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's check against Asterisk's ARI description")
class AriApiDescriptionTest {
    private final AriApiDescription api = AriApiDescription.load();

    private static MultiMap q(String query) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        new QueryStringDecoder("?" + query, StandardCharsets.UTF_8)
                .parameters()
                .forEach((k, vs) -> vs.forEach(v -> m.add(k, v)));
        return m;
    }

    @Test
    @DisplayName("accepts every request Asterisk accepted in the recorded sessions")
    void acceptsRecordedRequests() {
        assertThat(api.size()).isGreaterThan(90);
        AriTranscript.load().exchanges().forEach(e -> {
            String[] pq = e.target().split("\\?", 2);
            String path = pq[0].substring("/ari".length());
            boolean body = e.method().equals("POST") && path.equals("/channels");
            assertThat(api.check(e.method(), path, q(pq.length > 1 ? pq[1] : ""), body))
                    .as(e.method() + " " + e.target())
                    .isEmpty();
        });
    }

    @Test
    @DisplayName("refuses unknown operations, unknown or missing parameters, bad values and stray bodies")
    void refusesWhatAsteriskWouldNot() {
        assertThat(api.check("POST", "/channels/1.2/transfer", q(""), false)).isPresent();
        assertThat(api.check("GET", "/channels/1.2/play", q("media=sound:x"), false))
                .isPresent();
        assertThat(api.check("POST", "/channels/1.2/play", q("media=sound:x&language=en"), false))
                .isPresent();
        assertThat(api.check("POST", "/channels/1.2/play", q("lang=en"), false)).isPresent();
        assertThat(api.check("DELETE", "/channels/1.2", q("reason=bored"), false))
                .isPresent();
        assertThat(api.check("POST", "/channels/1.2/continue", q("priority=first"), false))
                .isPresent();
        assertThat(api.check("POST", "/channels/1.2/answer", q(""), true)).isPresent();
        assertThat(api.check("GET", "/events", q("app=hotline&api_key=u:p"), false))
                .isPresent();
    }

    @Test
    @DisplayName("accepts the requests the adapter makes")
    void acceptsOurRequests() {
        assertThat(api.check("POST", "/channels/1.2/play", q("media=sound:a,number:4&lang=en&playbackId=p"), false))
                .isEmpty();
        assertThat(api.check("POST", "/channels/1.2/continue", q("context=queues&extension=fraud&priority=1"), false))
                .isEmpty();
        assertThat(api.check("DELETE", "/channels/1.2", q("reason=normal"), false))
                .isEmpty();
        assertThat(api.check("POST", "/channels/1.2/variable", q("variable=__HOTLINE_TICKET&value=T-1"), false))
                .isEmpty();
        assertThat(api.check("GET", "/events", q("app=hotline&subscribeAll=false"), false))
                .isEmpty();
        assertThat(api.find("POST", "/channels/create").orElseThrow().path()).isEqualTo("/channels/create");
    }
}
