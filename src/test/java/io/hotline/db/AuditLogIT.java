package io.hotline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Audit log")
class AuditLogIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    @DisplayName("rows form a hash chain that verifies, and editing any row breaks it")
    void chain() {
        AuditLog audit = new AuditLog(DB.dataSource());
        audit.append("ivr", "freeze", "account:1", "{\"reference\": \"F-1\",  \"b\": 2}", "call-a1");
        audit.append("sup.wu", "unfreeze", "account:1", null, null);
        audit.append("ivr", "note", null, "{\"text\": \"caf\u00e9 \u4e2d\u6587\"}", "call-a2");
        assertThat(audit.verifyChain()).isTrue();

        Tx.inTransaction(DB.dataSource(), c -> c.createStatement()
                .executeUpdate("UPDATE audit_log SET actor = 'someone-else' WHERE action = 'unfreeze'"));
        assertThat(audit.verifyChain()).isFalse();
    }

    @Test
    @DisplayName("a row written in a transaction that rolls back leaves no trace")
    void rollback() {
        AuditLog audit = new AuditLog(DB.dataSource());
        assertThatThrownBy(() -> Tx.inTransaction(DB.dataSource(), c -> {
            audit.append(c, "ivr", "doomed", "account:2", null, "call-x");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        long n = Tx.withConnection(DB.dataSource(), c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_log WHERE action = 'doomed'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(n).isZero();
    }
}
