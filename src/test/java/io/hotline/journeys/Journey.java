package io.hotline.journeys;

/**
 * The contract journeys a transport may check more of (what the switch saw), named for
 * {@link DialerTest#onTheWire}.
 */
public enum Journey {
    /** Stolen account, "2 1": frozen and queued to fraud. */
    STOLEN_ACCOUNT_QUEUED,
    /** Failed recharge, "1 2468#": amounts read out, queued to recharge. */
    RECHARGE_ESCALATED,
    /** Complaint, "5": the ticket reference is spelled out, then the flow hangs up. */
    COMPLAINT_HUNG_UP,
    /** Late transfer, "4 1": queued to the account team. */
    TRANSFER_QUEUED,
    /** "9 * 0": menu repeated, switched to Chinese, queued to general support. */
    AGENT_IN_CHINESE,
    /** The right PIN after three wrong ones over separate calls: refused. */
    PIN_LOCKED,
    /** One of the simultaneous stolen-account calls (checked for each). */
    CONCURRENT_FREEZE,
    /** The caller hung up at a node. */
    CALLER_HUNG_UP
}
