package io.hotline.wallet;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The outgoing transfers and withdrawals table. Threading: thread-safe, blocking. */
final class Transfers {
    private final DataSource ds;

    Transfers(DataSource ds) {
        this.ds = ds;
    }

    /** The account's most recent outgoing transfers and withdrawals, newest first. */
    List<OutgoingTransfer> recent(long accountId, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, reference, kind, amount_fen, fee_fen, destination_bank, destination_last4,
                           submitted_at, state, processing_at, expected_by, settled_at, reason
                    FROM outgoing_transfers WHERE account_id = ?
                    ORDER BY submitted_at DESC, id DESC LIMIT ?""")) {
                ps.setLong(1, accountId);
                ps.setInt(2, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    List<OutgoingTransfer> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new OutgoingTransfer(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getString(6),
                                rs.getString(7),
                                Wallet.instant(rs, 8),
                                TransferState.fromWire(rs.getString(9)),
                                rs.getString(10),
                                Wallet.instant(rs, 11),
                                Wallet.instant(rs, 12),
                                rs.getString(13)));
                    }
                    return out;
                }
            }
        });
    }
}
