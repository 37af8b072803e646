package io.hotline.telephony.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * app_queue's {@code QueueWithdrawCaller} (Asterisk 17 and later; asterisk-java has no class for it): asks
 * {@code Queue()} to let a waiting caller go back to the dialplan. Queue() then returns with
 * {@code QUEUESTATUS=WITHDRAW} and {@code QUEUE_WITHDRAW_INFO} set to {@code WithdrawInfo}; app_queue logs
 * {@code WITHDRAW} in queue_log and, as for an abandon, sends {@code QueueCallerAbandon} (apps/app_queue.c,
 * {@code record_abandoned}). Refused with "No such caller" once the caller is no longer waiting.
 */
public final class QueueWithdrawCallerAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    private final String queue;
    private final String caller;
    private final String withdrawInfo;

    public QueueWithdrawCallerAction(String queue, String caller, String withdrawInfo) {
        this.queue = queue;
        this.caller = caller;
        this.withdrawInfo = withdrawInfo;
    }

    @Override
    public String getAction() {
        return "QueueWithdrawCaller";
    }

    public String getQueue() {
        return queue;
    }

    public String getCaller() {
        return caller;
    }

    public String getWithdrawInfo() {
        return withdrawInfo;
    }
}
