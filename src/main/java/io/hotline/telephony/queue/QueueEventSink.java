package io.hotline.telephony.queue;

/**
 * Where queue events go. Threading: called on the producer's thread (asterisk-java's reader
 * thread, a simulated call's thread); implementations must return at once and never block.
 */
@FunctionalInterface
public interface QueueEventSink {
    void publish(QueueEvent event);

    QueueEventSink NONE = e -> {};
}
