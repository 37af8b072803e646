package io.hotline.connectors;

import io.hotline.config.Backoff;
import io.hotline.wallet.OutboxMessage;
import io.hotline.wallet.SmsDispatch;
import io.hotline.wallet.SmsOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the SMS outbox through one {@link SmsGateway}: the in-call messages a call waits for
 * ({@link #sendNow}), and in the background everything else (freeze notices, texts), at least once, retried with
 * exponential back-off and jitter until {@link SmsConfig#attempts()} or the message's expiry. Delivery receipts
 * from the gateway are recorded on the message the centre accepted.
 *
 * <p>Several nodes may run a sender on one database: claims skip rows another sender holds and are leased, so a
 * message is submitted by one sender at a time (see {@link SmsOutbox}).
 *
 * <p>Threading: the background drain is one virtual thread; {@link #sendNow} runs on the caller's thread.
 */
public final class SmsSender implements SmsDispatch, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
    static final int BATCH = 16;
    /** First pause between in-call attempts; doubles per attempt. */
    static final Backoff IN_CALL_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(100 << 10));

    private final SmsOutbox outbox;
    private final SmsGateway gateway;
    private final SmsConfig config;
    private final String node;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread drain;

    public SmsSender(SmsOutbox outbox, SmsGateway gateway, SmsConfig config, String node, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.config = Objects.requireNonNull(config, "config");
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
        gateway.onReceipt(r -> outbox.receipt(r.providerId(), r.state(), r.at()));
    }

    /** Starts the background drain. */
    public synchronized SmsSender start() {
        if (drain == null) {
            running = true;
            drain = Thread.ofVirtual().name("sms-drain").start(this::drainLoop);
            log.info("SMS sender started: gateway {}, node {}", gateway.name(), node);
        }
        return this;
    }

    /** The gateway this sender submits through. */
    public SmsGateway gateway() {
        return gateway;
    }

    @Override
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @Override
    public SmsSent sendNow(long messageId, Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        Duration lease = budget.plus(config.submitTimeout()).plus(config.submitTimeout());
        String lastError = "no attempt within the budget";
        for (int attempt = 1; ; attempt++) {
            Optional<OutboxMessage> claimed = outbox.claim(messageId, node, lease);
            if (claimed.isEmpty()) {
                log.warn("SMS {} is not open for sending (settled, expired or held elsewhere)", messageId);
                outbox.cancelUnclaimed(messageId, "not open for sending");
                return SmsSent.NOT_SENT;
            }
            OutboxMessage m = claimed.get();
            if (m.text().isEmpty()) {
                outbox.cancelled(m, "sealed by another process's key");
                return SmsSent.NOT_SENT;
            }
            try {
                String id = gateway.submit(new OutgoingSms(
                        "hotline-sms-" + m.id(), m.msisdn(), m.text().get()));
                if (outbox.accepted(m, gateway.name(), id)) {
                    log.info("{} accepted by {} as {}", m, gateway.name(), id);
                    return SmsSent.ACCEPTED;
                }
                log.warn("{} accepted by {} as {}, but its lease was lost", m, gateway.name(), id);
                return SmsSent.NOT_SENT;
            } catch (SmsFailure f) {
                lastError = f.getMessage();
                Duration pause = IN_CALL_BACKOFF.after(attempt);
                Instant next = clock.instant().plus(pause);
                // another try only if its answer can still come within the budget
                boolean again = f.kind().retryable()
                        && !next.plus(config.submitTimeout()).isAfter(deadline);
                log.warn(
                        "{} not accepted by {} ({}: {}){}",
                        m,
                        gateway.name(),
                        f.kind(),
                        f.getMessage(),
                        again ? "; trying again in " + pause.toMillis() + " ms" : "; giving up within the call");
                if (!again) {
                    outbox.cancelled(m, f.kind() + ": " + lastError);
                    return SmsSent.NOT_SENT;
                }
                outbox.retryLater(m, f.kind() + ": " + lastError, next);
                if (!pause(pause)) {
                    outbox.cancelUnclaimed(messageId, "interrupted");
                    return SmsSent.NOT_SENT;
                }
            } catch (RuntimeException e) {
                outbox.cancelled(m, e.getClass().getSimpleName());
                throw e;
            }
        }
    }

    private void drainLoop() {
        while (running) {
            int claimed = 0;
            try {
                outbox.expireOverdue();
                List<OutboxMessage> batch = outbox.claimDue(node, BATCH, config.lease());
                claimed = batch.size();
                for (OutboxMessage m : batch) {
                    if (!running) {
                        outbox.retryLater(m, "sender stopped", clock.instant());
                        continue;
                    }
                    sendInBackground(m);
                }
            } catch (RuntimeException e) {
                log.warn("SMS drain: {}", e.toString());
            }
            if (claimed < BATCH) {
                try {
                    if (wake.tryAcquire(config.poll().toMillis(), TimeUnit.MILLISECONDS)) {
                        wake.drainPermits(); // one pass serves every wake-up that came meanwhile
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One submit of a background message, then its settlement: accepted, again later, or failed. */
    void sendInBackground(OutboxMessage m) {
        if (m.text().isEmpty()) {
            outbox.failed(m, "sealed by another process's key");
            return;
        }
        try {
            String id = gateway.submit(new OutgoingSms(
                    "hotline-sms-" + m.id(), m.msisdn(), m.text().get()));
            if (!outbox.accepted(m, gateway.name(), id)) {
                log.warn("{} accepted by {} as {}, but its lease was lost", m, gateway.name(), id);
            }
        } catch (SmsFailure f) {
            if (!f.kind().retryable() || m.attempts() >= config.attempts()) {
                log.warn("{} failed for good ({}: {})", m, f.kind(), f.getMessage());
                outbox.failed(m, f.kind() + ": " + f.getMessage());
                return;
            }
            Duration pause = backoff(m.attempts());
            log.info("{} not accepted ({}: {}); next try in {} ms", m, f.kind(), f.getMessage(), pause.toMillis());
            outbox.retryLater(
                    m, f.kind() + ": " + f.getMessage(), clock.instant().plus(pause));
        }
    }

    /** Exponential from {@link SmsConfig#retryMin()} up to {@link SmsConfig#retryMax()}, with up to 20% jitter. */
    Duration backoff(int attempts) {
        return new Backoff(config.retryMin(), config.retryMax()).jitteredAfter(attempts);
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = drain;
            drain = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        gateway.close();
    }
}
