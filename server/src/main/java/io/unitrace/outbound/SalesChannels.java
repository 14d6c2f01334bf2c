package io.unitrace.outbound;

import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's sales channels (WEB, AMAZON, EBAY, WHOLESALE…): every order names the channel it was
 * sold on by code. {@code returnDays}: how many days after shipping a customer may return goods
 * sold on the channel (none: the channel sets no limit).
 */
@Service
class SalesChannels {

  record Channel(long id, String code, String name, Integer returnDays) {}

  record ChannelSpec(String name, Integer returnDays) {

    ChannelSpec {
      Text.line("name", name, 200);
    }
  }

  private final JdbcClient db;
  private final Clock clock;

  SalesChannels(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates the channel {@code code}, or renames it and changes its return days. */
  @Transactional
  Channel put(TenantScope scope, String code, ChannelSpec spec) {
    scope.requireRole(Role.SUPERVISOR);
    String c = MasterData.code(code, "code", "a sales channel code", 40);
    String name = MasterData.name(spec == null ? null : spec.name(), "a sales channel");
    Integer returnDays = spec == null ? null : spec.returnDays();
    if (returnDays != null && returnDays < 0) {
      throw Problem.badRequest("invalid-field", "returnDays", "return days are not negative");
    }
    db.sql(
            """
            INSERT INTO sales_channel (tenant_id, code, name, return_days, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, return_days = excluded.return_days""")
        .params(scope.tenantId(), c, name, returnDays, clock.millis())
        .update();
    return byCode(scope.tenantId(), c).orElseThrow();
  }

  List<Channel> list(long tenantId) {
    return db.sql(
            "SELECT id, code, name, return_days FROM sales_channel WHERE tenant_id = ? ORDER BY code")
        .param(tenantId)
        .query(
            (rs, n) ->
                new Channel(rs.getLong(1), rs.getString(2), rs.getString(3), Rows.intOrNull(rs, 4)))
        .list();
  }

  Optional<Channel> byCode(long tenantId, String code) {
    return db.sql(
            "SELECT id, code, name, return_days FROM sales_channel WHERE tenant_id = ? AND code = ?")
        .params(tenantId, code)
        .query(
            (rs, n) ->
                new Channel(rs.getLong(1), rs.getString(2), rs.getString(3), Rows.intOrNull(rs, 4)))
        .optional();
  }
}
