package io.unitrace.tenancy;

import io.unitrace.shared.Database;
import io.unitrace.shared.Problem;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The clients of this installation. */
@Service
public class Tenants {

  public record Tenant(long id, String code, String name) {}

  private final JdbcClient db;
  private final Clock clock;

  Tenants(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Transactional
  public Tenant create(String code, String name) {
    if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
      throw Problem.badRequest(
          "invalid-field", "code", "a tenant code is 1-40 letters, digits, '-' or '_'");
    }
    String clean = PlainText.require("name", name, 200, "a tenant");
    try {
      long id =
          db.sql("INSERT INTO tenant (code, name, created_at) VALUES (?, ?, ?) RETURNING id")
              .params(code, clean, clock.millis())
              .query(Long.class)
              .single();
      return new Tenant(id, code, clean);
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-tenant", "code", "a tenant with code " + code + " exists");
      }
      throw e;
    }
  }

  public Optional<Tenant> byCode(String code) {
    return db.sql("SELECT id, code, name FROM tenant WHERE code = ?")
        .param(code)
        .query(Tenant.class)
        .optional();
  }

  public Optional<Tenant> byId(long id) {
    return db.sql("SELECT id, code, name FROM tenant WHERE id = ?")
        .param(id)
        .query(Tenant.class)
        .optional();
  }

  public List<Tenant> visibleTo(Actor actor) {
    return db
        .sql("SELECT id, code, name FROM tenant ORDER BY code")
        .query(Tenant.class)
        .list()
        .stream()
        .filter(t -> actor.mayRead(t.id()))
        .toList();
  }

  /** Every client's id, in order: for work done per client, such as closing checkpoints. */
  public List<Long> ids() {
    return db.sql("SELECT id FROM tenant ORDER BY id").query(Long.class).list();
  }
}
