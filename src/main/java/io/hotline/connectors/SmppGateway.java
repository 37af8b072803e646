package io.hotline.connectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMPP 3.4 to an SMS centre, with jSMPP: one transceiver session ({@code bind_transceiver}), bound on the first
 * submit and bound again on the next submit after it was lost, kept alive with {@code enquire_link}. Each message
 * is one {@code submit_sm} asking for a delivery receipt; the receipts come back as {@code deliver_sm} on the same
 * session and go to the listener. Text that is all ASCII goes as data_coding 0, anything else as UCS-2; text too
 * long for {@code short_message} goes in the {@code message_payload} TLV.
 *
 * <p>Answers: {@code ESME_RTHROTTLED} and {@code ESME_RMSGQFUL} are {@link SmsFailure.Kind#THROTTLED}; a refused
 * bind or a lost link {@link SmsFailure.Kind#UNAVAILABLE}; no {@code submit_sm_resp} within the submit timeout
 * {@link SmsFailure.Kind#NO_RESPONSE} (the centre may have taken it); any other error status
 * {@link SmsFailure.Kind#REJECTED}.
 *
 * <p>Threading: submits run concurrently on one session (jSMPP matches responses by sequence number); binding is
 * serialised.
 */
public final class SmppGateway implements SmsGateway {
    private static final Logger log = LoggerFactory.getLogger(SmppGateway.class);
    private static final int SHORT_MESSAGE_MAX = 140;

    private final SmsConfig.Smpp config;
    private final String from;
    private final Duration timeout;
    private volatile SmsReceipt.Listener receipts = r -> true;
    private SMPPSession session; // guarded by this
    private volatile boolean closed;

    public SmppGateway(SmsConfig.Smpp config, String from, Duration timeout) {
        this.config = config;
        this.from = from;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "smpp";
    }

    @Override
    public void onReceipt(SmsReceipt.Listener listener) {
        this.receipts = listener;
    }

    @Override
    public String submit(OutgoingSms sms) throws SmsFailure {
        SMPPSession s = bound();
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(sms.text());
        byte[] bytes = sms.text().getBytes(ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE);
        GeneralDataCoding coding = new GeneralDataCoding(ascii ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2);
        byte[] shortMessage = bytes.length <= SHORT_MESSAGE_MAX ? bytes : new byte[0];
        OptionalParameter[] tlvs = bytes.length <= SHORT_MESSAGE_MAX
                ? new OptionalParameter[0]
                : new OptionalParameter[] {
                    new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), bytes)
                };
        boolean alpha = !from.chars().allMatch(Character::isDigit);
        String to = sms.msisdn().startsWith("+") ? sms.msisdn().substring(1) : sms.msisdn();
        try {
            return s.submitShortMessage(
                            "",
                            alpha ? TypeOfNumber.ALPHANUMERIC : TypeOfNumber.UNKNOWN,
                            alpha ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN,
                            from,
                            sms.msisdn().startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.NATIONAL,
                            NumberingPlanIndicator.ISDN,
                            to,
                            new ESMClass(),
                            (byte) 0,
                            (byte) 1,
                            null,
                            null,
                            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                            (byte) 0,
                            coding,
                            (byte) 0,
                            shortMessage,
                            tlvs)
                    .getMessageId();
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            if (status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL) {
                throw new SmsFailure(
                        SmsFailure.Kind.THROTTLED,
                        "submit_sm throttled by the SMS centre (0x" + Integer.toHexString(status) + ")",
                        e);
            }
            throw new SmsFailure(
                    SmsFailure.Kind.REJECTED,
                    "submit_sm refused by the SMS centre (0x" + Integer.toHexString(status) + ")",
                    e);
        } catch (ResponseTimeoutException e) {
            drop(s); // a centre that stops answering is rebound before the next submit
            throw new SmsFailure(
                    SmsFailure.Kind.NO_RESPONSE, "no submit_sm_resp within " + timeout.toMillis() + " ms", e);
        } catch (InvalidResponseException e) {
            drop(s);
            throw new SmsFailure(SmsFailure.Kind.NO_RESPONSE, "unexpected answer to submit_sm: " + e.getMessage(), e);
        } catch (PDUException e) {
            throw new SmsFailure(SmsFailure.Kind.REJECTED, "cannot encode submit_sm: " + e.getMessage(), e);
        } catch (IOException e) {
            drop(s);
            throw new SmsFailure(SmsFailure.Kind.UNAVAILABLE, "SMPP link lost: " + e.getMessage(), e);
        }
    }

    /** The bound session, binding first if there is none (or it was lost). */
    private synchronized SMPPSession bound() throws SmsFailure {
        if (closed) {
            throw new SmsFailure(SmsFailure.Kind.UNAVAILABLE, "the SMPP gateway is closed");
        }
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        if (session != null) {
            session.close();
            session = null;
        }
        SMPPSession s = new SMPPSession();
        s.setTransactionTimer(timeout.toMillis());
        s.setEnquireLinkTimer(
                (int) Math.min(Integer.MAX_VALUE, config.enquireLink().toMillis()));
        s.setMessageReceiverListener(new Receipts());
        try {
            s.connectAndBind(
                    config.host(),
                    config.port(),
                    new BindParameter(
                            BindType.BIND_TRX,
                            config.systemId(),
                            config.password(),
                            config.systemType(),
                            TypeOfNumber.UNKNOWN,
                            NumberingPlanIndicator.UNKNOWN,
                            null),
                    timeout.toMillis());
        } catch (IOException e) {
            s.close();
            throw new SmsFailure(
                    SmsFailure.Kind.UNAVAILABLE,
                    "cannot bind to the SMS centre " + config.host() + ":" + config.port() + " as " + config.systemId()
                            + ": " + e.getMessage(),
                    e);
        }
        log.info("SMPP bound to {}:{} as {}", config.host(), config.port(), config.systemId());
        session = s;
        return s;
    }

    private synchronized void drop(SMPPSession s) {
        if (session == s) {
            session = null;
            s.close();
        }
    }

    @Override
    public void close() {
        SMPPSession s;
        synchronized (this) {
            closed = true;
            s = session;
            session = null;
        }
        if (s != null) {
            s.unbindAndClose();
        }
    }

    /** Delivery receipts ({@code deliver_sm} with the receipt flag); anything else is acknowledged and dropped. */
    private final class Receipts implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                return; // a mobile-originated message: the hotline takes none
            }
            DeliveryReceipt dr;
            try {
                dr = deliverSm.getShortMessageAsDeliveryReceipt();
            } catch (InvalidDeliveryReceiptException e) {
                log.warn("unreadable SMPP delivery receipt: {}", e.getMessage());
                return;
            }
            Instant at =
                    dr.getDoneDate() == null ? Instant.now() : dr.getDoneDate().toInstant();
            String state = dr.getFinalStatus() == null
                    ? "UNKNOWN"
                    : dr.getFinalStatus().name();
            boolean recorded;
            try {
                recorded = receipts.received(new SmsReceipt(dr.getId(), state, at));
            } catch (RuntimeException e) {
                log.warn("cannot record SMPP delivery receipt for {}: {}", dr.getId(), e.toString());
                recorded = false;
            }
            if (!recorded) {
                // the centre sends it again later: e.g. the receipt overtook our record of the acceptance
                throw new ProcessRequestException("receipt not recorded yet", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {}

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not taken", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
