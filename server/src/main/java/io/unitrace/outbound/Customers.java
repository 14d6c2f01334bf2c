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
 * A client's customers, named by code on their orders. {@code minShelfLifeDays}: the least shelf
 * life, in days, goods must have left when shipped to this customer, for every line of its orders
 * that sets none itself (see {@link Order#minShelfLifeDays}).
 */
@Service
class Customers {

  record Customer(long id, String code, String name, Integer minShelfLifeDays) {}

  record CustomerSpec(String name, Integer minShelfLifeDays) {

    CustomerSpec {
      Text.line("name", name, 200);
    }
  }

  private final JdbcClient db;
  private final Clock clock;

  Customers(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates the customer {@code code}, or renames it and changes its minimum shelf life. */
  @Transactional
  Customer put(TenantScope scope, String code, CustomerSpec spec) {
    scope.requireRole(Role.SUPERVISOR);
    String c = MasterData.code(code, "code", "a customer code", 60);
    String name = MasterData.name(spec == null ? null : spec.name(), "a customer");
    Integer days = spec == null ? null : spec.minShelfLifeDays();
    if (days != null && days < 0) {
      throw Problem.badRequest(
          "invalid-field", "minShelfLifeDays", "a shelf life in days is not negative");
    }
    db.sql(
            """
            INSERT INTO customer (tenant_id, code, name, min_shelf_life_days, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, min_shelf_life_days = excluded.min_shelf_life_days""")
        .params(scope.tenantId(), c, name, days, clock.millis())
        .update();
    return byCode(scope.tenantId(), c).orElseThrow();
  }

  List<Customer> list(long tenantId) {
    return db.sql(
            "SELECT id, code, name, min_shelf_life_days FROM customer WHERE tenant_id = ? ORDER BY code")
        .param(tenantId)
        .query(Customers::customer)
        .list();
  }

  Optional<Customer> byCode(long tenantId, String code) {
    return db.sql(
            "SELECT id, code, name, min_shelf_life_days FROM customer WHERE tenant_id = ? AND code = ?")
        .params(tenantId, code)
        .query(Customers::customer)
        .optional();
  }

  Optional<Customer> byId(long tenantId, long id) {
    return db.sql(
            "SELECT id, code, name, min_shelf_life_days FROM customer WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query(Customers::customer)
        .optional();
  }

  private static Customer customer(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), Rows.intOrNull(rs, 4));
  }
}
