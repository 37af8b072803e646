package io.hotline.actions;

import io.hotline.engine.Finding;
import java.time.Instant;
import java.util.Objects;

/** What the actions found or did, as the ticket's context and the agent's pop show it. */
public sealed interface ActionFinding extends Finding {

    /** A recharge that failed, with the reason in words the pop shows ({@code debited_not_credited}, ...). */
    record FailedRecharge(String reference, long amountFen, Instant at, String channel, String reason)
            implements ActionFinding {
        public FailedRecharge {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "recharge";
        }
    }

    /** A transaction read out (or offered) to the caller; {@code amountFen} negative for money leaving. */
    record RecentTransaction(String reference, Instant at, long amountFen, String kind, String counterparty)
            implements ActionFinding {
        public RecentTransaction {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "transaction";
        }
    }

    /** The account frozen by this call, or found frozen already. */
    record AccountFrozen(String reference, Instant at, boolean alreadyFrozen) implements ActionFinding {
        public AccountFrozen {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "freeze";
        }
    }

    /** The caller's account, identified. */
    record AccountIdentified(long id, String status) implements ActionFinding {
        @Override
        public String type() {
            return "account";
        }
    }

    /** A password-reset code sent by SMS (or not, when the outbox refused it) to the masked number. */
    record ResetCodeSms(String sentTo, boolean accepted) implements ActionFinding {
        @Override
        public String type() {
            return "reset_code";
        }
    }

    /** A locked login unlocked for a verified caller (or found not locked). */
    record LoginUnlocked(boolean wasLocked) implements ActionFinding {
        @Override
        public String type() {
            return "login_unlock";
        }
    }

    /**
     * An outgoing transfer or withdrawal read out to the caller, with what the agent who traces it needs.
     *
     * @param destination the masked destination, e.g. {@code ICBC ****6217}
     * @param state       {@code submitted}, {@code at_channel}, {@code at_bank}, {@code completed}, {@code refunded},
     *                    {@code returned}
     * @param settledAt   null while pending
     * @param reason      null unless refunded or returned
     */
    record OutgoingTransferRead(
            String reference,
            String kind,
            long amountFen,
            long feeFen,
            String destination,
            Instant at,
            String state,
            Instant expectedBy,
            Instant settledAt,
            String reason,
            boolean overdue)
            implements ActionFinding {
        public OutgoingTransferRead {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(expectedBy, "expectedBy");
        }

        @Override
        public String type() {
            return "transfer";
        }
    }

    /**
     * A complaint recorded: what about, whether a voice message was left, when it is due, where the SMS went.
     *
     * @param transaction the transaction it is about, or null
     * @param smsTo       the masked number the reference was sent to, or "" when none
     */
    record ComplaintOpened(
            String reference, String topic, String transaction, boolean voiceMessage, Instant dueAt, String smsTo)
            implements ActionFinding {
        public ComplaintOpened {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(topic, "topic");
        }

        @Override
        public String type() {
            return "complaint";
        }
    }

    /** A ticket the flow opened itself (not the queue's hand-off ticket). */
    record TicketOpened(String reference, String category) implements ActionFinding {
        @Override
        public String type() {
            return "ticket";
        }
    }
}
