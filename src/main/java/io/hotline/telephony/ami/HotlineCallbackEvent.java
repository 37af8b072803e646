package io.hotline.telephony.ami;

import java.io.Serial;
import org.asteriskjava.manager.event.UserEvent;

/**
 * The shipped dialplan's {@code UserEvent(HotlineCallback,Callback: <ref>,Result: <result>)} of
 * {@code hotline-callback-answer} (docker/asterisk/extensions.conf): how the call back to a caller went
 * ({@code connected}, {@code no-key}, {@code failed}). asterisk-java builds it by its class name (registered on each
 * connection by {@link AmiLink}); public with public setters because it fills it by reflection.
 */
public final class HotlineCallbackEvent extends UserEvent {
    @Serial
    private static final long serialVersionUID = 1L;

    private String callback;
    private String result;

    public HotlineCallbackEvent(Object source) {
        super(source);
    }

    public String getCallback() {
        return callback;
    }

    public void setCallback(String callback) {
        this.callback = callback;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }
}
