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

    /** A ticket the flow opened itself (not the queue's hand-off ticket). */
    record TicketOpened(String reference, String category) implements ActionFinding {
        @Override
        public String type() {
            return "ticket";
        }
    }
}
