package io.hotline.telephony.agi;

import io.hotline.call.TelephonyException;

/**
 * The peer sent something that is not FastAGI: a malformed {@code agi_} block, a line that
 * is neither a reply nor {@code HANGUP}, a line too long. Only that connection is closed.
 */
class AgiProtocolException extends TelephonyException {
    AgiProtocolException(String message) {
        super(message);
    }
}
