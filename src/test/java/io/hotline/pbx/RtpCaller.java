package io.hotline.pbx;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The media side of a SIP test caller: one UDP socket that receives Asterisk's RTP (the prompts, in
 * G.711 mu-law) and sends a phone's stream back, 20 ms of mu-law silence at a time, with keys as RFC
 * 4733 telephone-events (payload type 101: a start packet with the marker bit, updates, three end
 * packets, each with a fresh timestamp, as a phone sends them). Sending starts once Asterisk's first
 * packet says where its RTP port is (symmetric RTP).
 */
final class RtpCaller implements AutoCloseable {
    private static final int PCMU = 0;
    private static final int EVENT = 101;
    private static final int FRAME = 160; // 20 ms at 8 kHz
    private final DatagramSocket socket;
    private final LinkedBlockingQueue<Character> keys = new LinkedBlockingQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final Thread receiver;
    private final Thread sender;
    private volatile SocketAddress remote;
    private volatile boolean closed;
    private final int ssrc = (int) (System.nanoTime() & 0x7fffffff);
    private int seq = 1;
    private int timestamp = 0;

    RtpCaller() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver = Thread.ofPlatform().daemon().name("rtp-in").start(this::receive);
        sender = Thread.ofPlatform().daemon().name("rtp-out").start(this::send);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Bytes of RTP Asterisk has sent so far. */
    long bytesReceived() {
        return received.get();
    }

    /** Presses a key: sent as an RFC 4733 event after any key before it. */
    void press(char key) {
        keys.add(key);
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!closed) {
            var p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            if (remote == null) {
                remote = p.getSocketAddress();
            }
            received.addAndGet(p.getLength());
        }
    }

    private void send() {
        long next = System.nanoTime();
        byte[] silence = new byte[FRAME];
        java.util.Arrays.fill(silence, (byte) 0xFF);
        while (!closed) {
            // media pacing, one packet per 20 ms: a phone's clock, not a wait for anything
            next += TimeUnit.MILLISECONDS.toNanos(20);
            LockSupport.parkNanos(next - System.nanoTime());
            if (remote == null) {
                continue;
            }
            Character k = keys.poll();
            try {
                if (k == null) {
                    packet(PCMU, false, timestamp, silence);
                    timestamp += FRAME;
                } else {
                    next = event(k, next);
                }
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("RTP send failed", e);
                }
                return;
            }
        }
    }

    /** One key: 6 updates (120 ms) and 3 end packets, all with the event's start timestamp. */
    private long event(char key, long next) throws IOException {
        int code = key == '*' ? 10 : key == '#' ? 11 : key - '0';
        int start = timestamp;
        for (int i = 1; i <= 9; i++) {
            boolean end = i > 6;
            int duration = FRAME * Math.min(i, 6);
            byte[] payload = {(byte) code, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
            packet(EVENT, i == 1, start, payload);
            if (i < 9) {
                next += TimeUnit.MILLISECONDS.toNanos(20);
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        timestamp = start + FRAME * 6;
        return next;
    }

    private void packet(int type, boolean marker, int ts, byte[] payload) throws IOException {
        byte[] b = new byte[12 + payload.length];
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | type);
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        seq = (seq + 1) & 0xffff;
        b[4] = (byte) (ts >> 24);
        b[5] = (byte) (ts >> 16);
        b[6] = (byte) (ts >> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (ssrc >> 24);
        b[9] = (byte) (ssrc >> 16);
        b[10] = (byte) (ssrc >> 8);
        b[11] = (byte) ssrc;
        System.arraycopy(payload, 0, b, 12, payload.length);
        socket.send(new DatagramPacket(b, b.length, remote));
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        receiver.interrupt();
        sender.interrupt();
    }
}
