package io.hotline.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gateway that accepts every message and keeps the last {@value #KEPT} in memory: for tests and in-process
 * tools that need to read what a phone would have received (the simulator's journeys). Never chosen by
 * {@code serve}.
 */
public final class MemoryGateway implements SmsGateway {
    static final int KEPT = 200;
    private final AtomicLong ids = new AtomicLong();
    private final List<OutgoingSms> sent = new ArrayList<>();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public synchronized String submit(OutgoingSms sms) {
        if (sent.size() == KEPT) {
            sent.removeFirst();
        }
        sent.add(sms);
        return "mem-" + ids.incrementAndGet();
    }

    /** What was accepted, oldest first. */
    public synchronized List<OutgoingSms> sent() {
        return List.copyOf(sent);
    }

    /** The newest message accepted for {@code msisdn}. */
    public synchronized Optional<OutgoingSms> lastTo(String msisdn) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).msisdn().equals(msisdn)) {
                return Optional.of(sent.get(i));
            }
        }
        return Optional.empty();
    }
}
