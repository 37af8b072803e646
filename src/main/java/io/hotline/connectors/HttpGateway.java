package io.hotline.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * An HTTP SMS provider's webhook: one {@code POST} of JSON per message,
 * {@code {"reference": "hotline-sms-42", "to": "13800138000", "from": "Hotline", "text": "..."}}, with
 * {@code Idempotency-Key: hotline-sms-42} (the same on every attempt of one message, so a provider that honours
 * it sends a retried message once) and {@code Authorization: Bearer <HOTLINE_SMS_HTTP_TOKEN>} when set.
 *
 * <p>A 2xx answer is acceptance; its JSON {@code id}, if any, is the provider's message id (else the reference).
 * 429 is {@link SmsFailure.Kind#THROTTLED}; 408 and 5xx, and a refused connection, are
 * {@link SmsFailure.Kind#UNAVAILABLE}; no answer within the submit timeout is {@link SmsFailure.Kind#NO_RESPONSE};
 * any other status is {@link SmsFailure.Kind#REJECTED}.
 */
public final class HttpGateway implements SmsGateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SmsConfig.Http config;
    private final String from;
    private final Duration timeout;
    private final HttpClient client;

    public HttpGateway(SmsConfig.Http config, String from, Duration timeout) {
        this.config = config;
        this.from = from;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String submit(OutgoingSms sms) throws SmsFailure {
        ObjectNode body = JSON.createObjectNode()
                .put("reference", sms.reference())
                .put("to", sms.msisdn())
                .put("from", from)
                .put("text", sms.text());
        HttpRequest.Builder req = HttpRequest.newBuilder(config.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", sms.reference())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (config.token() != null && !config.token().isEmpty()) {
            req.header("Authorization", "Bearer " + config.token());
        }
        HttpResponse<String> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SmsFailure(
                    SmsFailure.Kind.NO_RESPONSE,
                    "no answer from the SMS provider within " + timeout.toMillis() + " ms",
                    e);
        } catch (ConnectException e) {
            throw new SmsFailure(SmsFailure.Kind.UNAVAILABLE, "cannot connect to the SMS provider: " + e, e);
        } catch (IOException e) {
            throw new SmsFailure(SmsFailure.Kind.NO_RESPONSE, "the SMS provider's answer was lost: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsFailure(SmsFailure.Kind.NO_RESPONSE, "interrupted while waiting for the SMS provider", e);
        }
        int status = resp.statusCode();
        if (status >= 200 && status < 300) {
            return providerId(resp.body(), sms.reference());
        }
        SmsFailure.Kind kind = status == 429
                ? SmsFailure.Kind.THROTTLED
                : status == 408 || status >= 500 ? SmsFailure.Kind.UNAVAILABLE : SmsFailure.Kind.REJECTED;
        throw new SmsFailure(kind, "the SMS provider answered HTTP " + status);
    }

    private static String providerId(String body, String fallback) {
        if (body == null || body.isBlank()) {
            return fallback;
        }
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.isTextual() && !id.asText().isBlank() ? id.asText() : id.isNumber() ? id.asText() : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
