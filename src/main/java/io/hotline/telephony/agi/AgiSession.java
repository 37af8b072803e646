package io.hotline.telephony.agi;

import io.hotline.call.CallEnded;
import io.hotline.call.CallHandler;
import io.hotline.call.CallInfo;
import io.hotline.call.TelephonyException;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One FastAGI connection from accept to close: read the {@code agi_} block, hand the call
 * to the {@link CallHandler}, end the session. Whatever happens, only this connection is
 * affected and its socket is closed.
 */
final class AgiSession {
    private static final Logger log = LoggerFactory.getLogger(AgiSession.class);

    private final AgiLink link;
    private final String peer;
    private final String pbxAddress;
    private final AgiConfig config;
    private final CallHandler handler;
    private final String fallbackId;

    AgiSession(Socket socket, AgiConfig config, CallHandler handler, String fallbackId) throws IOException {
        this.link = new AgiLink(socket, config.replyTimeout());
        this.peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        this.pbxAddress = socket.getInetAddress().getHostAddress();
        this.config = config;
        this.handler = handler;
        this.fallbackId = fallbackId;
    }

    AgiLink link() {
        return link;
    }

    void run() {
        try {
            Optional<List<String>> block = link.readRequestBlock(config.requestTimeout());
            if (block.isEmpty()) {
                log.debug("FastAGI peer {} left before sending its agi_ block", peer);
                return;
            }
            CallInfo parsed = AgiRequest.parse(block.get()).toCallInfo(fallbackId);
            // which Asterisk: with several, each connects from its own address (HOTLINE_AGI_ALLOW lists them)
            var extra = new java.util.LinkedHashMap<>(parsed.extra());
            extra.put("pbx", pbxAddress);
            CallInfo info = new CallInfo(
                    parsed.callId(),
                    parsed.ani(),
                    parsed.dialed(),
                    parsed.language(),
                    parsed.flowId(),
                    parsed.transport(),
                    extra);
            MDC.put("call", info.callId());
            log.debug(
                    "call {} from {} for flow '{}' (language {}, {})",
                    info.callId(),
                    info.maskedAni(),
                    info.flowId(),
                    info.language(),
                    info.extra().getOrDefault("channel", peer));
            AgiCall call = new AgiCall(info, link, config);
            runHandler(call);
        } catch (AgiProtocolException e) {
            log.warn("closing FastAGI connection from {}: {}", peer, e.getMessage());
        } catch (CallEnded e) {
            log.info("FastAGI peer {} went away: {}", peer, e.getMessage());
        } finally {
            link.close();
            MDC.remove("call");
        }
    }

    private void runHandler(AgiCall call) {
        try {
            handler.handle(call);
            log.debug(
                    "call {} {}",
                    call.info().callId(),
                    call.handoff() != null
                            ? "ends its AGI session; the dialplan queues it in "
                                    + call.handoff().queue()
                            : "ends its AGI session");
        } catch (CallEnded e) {
            log.info("call {} ended by the caller: {}", call.info().callId(), e.getMessage());
        } catch (AgiProtocolException e) {
            log.warn(
                    "call {}: closing the FastAGI connection from {}: {}",
                    call.info().callId(),
                    peer,
                    e.getMessage());
        } catch (TelephonyException e) {
            log.warn("call {}: FastAGI link failed: {}", call.info().callId(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("call {}: the call handler failed", call.info().callId(), e);
        }
    }
}
