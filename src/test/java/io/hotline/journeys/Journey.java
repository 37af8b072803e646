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
    /** Complaint about fees without a message, "5 2 2": the ticket reference is spelled out, then the flow hangs up. */
    COMPLAINT_HUNG_UP,
    /** Complaint about an agent with a voice message, "5 3 1 ~": recorded and kept with the ticket. */
    COMPLAINT_WITH_MESSAGE,
    /** Complaint about a transaction, "5 1 2468# 2 1 2": the second transaction picked. */
    COMPLAINT_ABOUT_TRANSACTION,
    /** Transfers, "4 2468#": each state read out, none late, the main menu again. */
    TRANSFERS_READ,
    /** Transfers, "4 1357#": a late withdrawal traced, queued to the account team. */
    TRANSFER_TRACED,
    /** "9 * 0": menu repeated, switched to Chinese, queued to general support. */
    AGENT_IN_CHINESE,
    /** Stolen account, "2 1", for an account already frozen: the same reference read out. */
    ALREADY_FROZEN,
    /** Password, "3 1357# 2": the app login unlocked, then the flow hangs up. */
    LOGIN_UNLOCKED,
    /** Password, "3 2468# 1": a reset code sent. */
    RESET_CODE_SENT,
    /** Stolen account from an unknown number, "2 13900139000# 1": the registered number typed. */
    UNKNOWN_NUMBER_FROZEN,
    /** "...": no key at all, queued to general support. */
    SILENCE_TO_AGENT,
    /** "7 0": an invalid key, then 0 for an agent. */
    INVALID_KEY_TO_AGENT,
    /** The right PIN after three wrong ones over separate calls: refused. */
    PIN_LOCKED,
    /** One of the simultaneous stolen-account calls (checked for each). */
    CONCURRENT_FREEZE,
    /** The caller hung up at a node. */
    CALLER_HUNG_UP
}
