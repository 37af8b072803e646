package io.hotline.connectors;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo gateway (the default): accepts every message at once and logs that it did, with the masked number
 * and the text's length, never the text (it may hold a reset code). Nothing reaches a phone.
 */
public final class LogGateway implements SmsGateway {
    private static final Logger log = LoggerFactory.getLogger(LogGateway.class);
    private final AtomicLong ids = new AtomicLong();

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String submit(OutgoingSms sms) {
        String id = "log-" + ids.incrementAndGet();
        log.info("SMS {} accepted as {} (log only: HOTLINE_SMS_GATEWAY=log, nothing is sent)", sms, id);
        return id;
    }
}
