package io.hotline.connectors;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.RandomMessageIDGenerator;

/**
 * A real SMPP 3.4 server for tests (jSMPP's server side) on a free loopback port: binds (or refuses to), answers
 * each {@code submit_sm} as scripted ({@link #next}: accept by default, throttle, refuse, or drop the link without
 * answering), records every submit it received, and sends delivery receipts on request.
 */
final class TestSmsc implements AutoCloseable {
    /** How to answer one submit_sm. */
    enum Answer {
        ACCEPT,
        THROTTLE,
        REJECT,
        DROP_LINK
    }

    /** One submit_sm as received. */
    record Submit(String to, String text, String messageId, Answer answer) {}

    private final SMPPServerSessionListener listener;
    private final int port;
    private final Thread acceptor;
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Submit> submits = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, SMPPServerSession> sessionOf = new ConcurrentHashMap<>();
    private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();
    private volatile boolean refuseBinds;
    private final java.util.concurrent.atomic.AtomicInteger binds = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean open = true;

    TestSmsc() throws IOException {
        int[] bound = new int[1];
        ServerConnectionFactory onFreePort = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int port) throws IOException {
                return listen(port, 0, 50);
            }

            @Override
            public ServerConnection listen(int port, int timeout) throws IOException {
                return listen(port, timeout, 50);
            }

            @Override
            public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
                ServerSocket ss = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
                ss.setSoTimeout(timeout);
                bound[0] = ss.getLocalPort();
                return new ServerSocketConnection(ss);
            }
        };
        listener = new SMPPServerSessionListener(0, onFreePort);
        port = bound[0];
        listener.setMessageReceiverListener(new Receiver());
        acceptor = Thread.ofPlatform().daemon().name("test-smsc").start(this::acceptLoop);
    }

    int port() {
        return port;
    }

    /** Answers for the next submits, in order; after them, submits are accepted. */
    TestSmsc next(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Refuse binds ({@code ESME_RBINDFAIL}) from now on, or accept them again. */
    void refuseBinds(boolean refuse) {
        refuseBinds = refuse;
    }

    int binds() {
        return binds.get();
    }

    List<Submit> submits() {
        return List.copyOf(submits);
    }

    List<Submit> accepted() {
        return submits.stream().filter(s -> s.answer() == Answer.ACCEPT).toList();
    }

    /** Sends a delivery receipt for an accepted message, on the session that submitted it. */
    @SuppressWarnings("JavaUtilDate") // jSMPP's DeliveryReceipt takes java.util.Date
    void deliverReceipt(String messageId, DeliveryReceiptState state) throws Exception {
        SMPPServerSession s = sessionOf.get(messageId);
        String text = new DeliveryReceipt(
                        messageId,
                        1,
                        state == DeliveryReceiptState.DELIVRD ? 1 : 0,
                        new Date(),
                        new Date(),
                        state,
                        "000",
                        "")
                .toString();
        s.deliverShortMessage(
                "",
                TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN,
                "Hotline",
                TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN,
                "10086",
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                (byte) 0,
                (byte) 0,
                new RegisteredDelivery(0),
                new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                text.getBytes(StandardCharsets.US_ASCII));
    }

    private void acceptLoop() {
        while (open) {
            try {
                SMPPServerSession s = listener.accept();
                sessions.add(s);
                BindRequest bind = s.waitForBind(5_000);
                if (refuseBinds) {
                    bind.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                } else {
                    bind.accept("testsmsc");
                    binds.incrementAndGet();
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                if (!open) {
                    return;
                }
            } catch (Exception e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            Answer a = script.poll();
            if (a == null) {
                a = Answer.ACCEPT;
            }
            boolean ucs2 = (sm.getDataCoding() & 0x0f) == 0x08;
            String text =
                    new String(sm.getShortMessage(), ucs2 ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
            return switch (a) {
                case ACCEPT -> {
                    MessageId id = ids.newMessageId();
                    submits.add(new Submit(sm.getDestAddress(), text, id.getValue(), a));
                    sessionOf.put(id.getValue(), source);
                    yield new SubmitSmResult(id, new OptionalParameter[0]);
                }
                case THROTTLE -> {
                    submits.add(new Submit(sm.getDestAddress(), text, null, a));
                    throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
                }
                case REJECT -> {
                    submits.add(new Submit(sm.getDestAddress(), text, null, a));
                    throw new ProcessRequestException("bad number", SMPPConstant.STAT_ESME_RINVDSTADR);
                }
                case DROP_LINK -> {
                    // the centre got the message, and the link goes down before it answers
                    submits.add(new Submit(sm.getDestAddress(), text, null, a));
                    source.close();
                    throw new ProcessRequestException("link dropped", SMPPConstant.STAT_ESME_RSYSERR);
                }
                default -> throw new IllegalStateException();
            };
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        for (SMPPServerSession s : new ArrayList<>(sessions)) {
            s.close();
        }
        listener.close();
        acceptor.interrupt();
    }
}
