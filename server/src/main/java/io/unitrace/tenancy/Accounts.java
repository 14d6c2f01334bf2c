package io.unitrace.tenancy;

import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People who sign in: their role, password (a slow hash) and the clients granted to them. */
@Service
public class Accounts {

  public record Account(
      long id,
      String username,
      String displayName,
      Role role,
      boolean enabled,
      Set<Long> tenants) {}

  record Credentials(long id, String username, String passwordHash, Role role, boolean enabled) {}

  private final JdbcClient db;
  private final PasswordEncoder passwords;
  private final Clock clock;

  Accounts(JdbcClient db, PasswordEncoder passwords, Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.clock = clock;
  }

  @Transactional
  public Account create(
      String username, String displayName, String password, Role role, Set<Long> tenants) {
    if (username == null || !username.matches("[A-Za-z0-9._@-]{2,100}")) {
      throw Problem.badRequest(
          "invalid-field", "username", "a username is 2-100 letters, digits or . _ @ -");
    }
    if (password == null || password.length() < 10) {
      throw Problem.badRequest(
          "invalid-field", "password", "a password has at least 10 characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordSignIn.BCRYPT_MAX_BYTES) {
      // bcrypt ignores what follows: a longer password would be accepted by its first 72 bytes.
      throw Problem.badRequest(
              "invalid-field",
              "password",
              "a password is at most "
                  + PasswordSignIn.BCRYPT_MAX_BYTES
                  + " bytes in UTF-8 (bcrypt's limit)")
          .with("max", PasswordSignIn.BCRYPT_MAX_BYTES);
    }
    String display =
        displayName == null
            ? username
            : PlainText.require("displayName", displayName, 200, "a user");
    if (role == null) {
      throw Problem.badRequest(
          "invalid-field", "role", "a user needs a role: ADMIN, SUPERVISOR, OPERATOR or CLIENT");
    }
    if (role == Role.CLIENT && tenants.size() != 1) {
      throw Problem.badRequest(
          "invalid-field", "tenants", "a CLIENT user belongs to exactly one client");
    }
    long id;
    try {
      id =
          db.sql(
                  """
              INSERT INTO app_user (username, display_name, password_hash, role, enabled, created_at)
              VALUES (?, ?, ?, ?, 1, ?) RETURNING id""")
              .params(username, display, passwords.encode(password), role.name(), clock.millis())
              .query(Long.class)
              .single();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-user", "username", "a user named " + username + " exists");
      }
      throw e;
    }
    for (long tenant : tenants) {
      grant(id, tenant);
    }
    return byId(id).orElseThrow();
  }

  /**
   * Creates the user unless one with that name exists; true when it was created (safe on several
   * servers).
   */
  @Transactional
  public boolean createIfAbsent(String username, String password, Role role) {
    int n =
        db.sql(
                """
            INSERT INTO app_user (username, display_name, password_hash, role, enabled, created_at)
            VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (username) DO NOTHING""")
            .params(username, username, passwords.encode(password), role.name(), clock.millis())
            .update();
    return n == 1;
  }

  @Transactional
  public void grant(long userId, long tenantId) {
    if (db.sql("SELECT count(*) FROM tenant WHERE id = ?")
            .param(tenantId)
            .query(Integer.class)
            .single()
        == 0) {
      throw Problem.badRequest("unknown-tenant", "tenants", "no tenant with id " + tenantId);
    }
    db.sql("INSERT INTO user_tenant (user_id, tenant_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .params(userId, tenantId)
        .update();
  }

  /**
   * Gives a person another role and exactly these clients (grants not named are withdrawn). An
   * ADMIN's decision; an ADMIN does not demote themselves, so that there is always one left who can
   * undo a mistake.
   */
  @Transactional
  public Account change(Actor by, long userId, Role role, Set<Long> tenants) {
    requireAdmin(by);
    Account account = require(userId);
    if (role == null) {
      throw Problem.badRequest(
          "invalid-field", "role", "a user needs a role: ADMIN, SUPERVISOR, OPERATOR or CLIENT");
    }
    if (role == Role.CLIENT && tenants.size() != 1) {
      throw Problem.badRequest(
          "invalid-field", "tenants", "a CLIENT user belongs to exactly one client");
    }
    if (account.id() == by.userId() && role != Role.ADMIN) {
      throw Problem.conflict(
              "own-admin-role",
              "role",
              "you cannot take away your own ADMIN role; ask another ADMIN")
          .with("rule", "admin-keeps-own-role");
    }
    for (long tenant : tenants) {
      grant(userId, tenant);
    }
    db.sql("DELETE FROM user_tenant WHERE user_id = ?" + notIn(tenants))
        .params(withUser(userId, tenants))
        .update();
    db.sql("UPDATE app_user SET role = ? WHERE id = ?").params(role.name(), userId).update();
    return require(userId);
  }

  /**
   * Disables or enables a person: a disabled person cannot sign in, their open sessions end at the
   * next request and their API tokens stop working; nothing of theirs is deleted. An ADMIN's
   * decision, never about themselves.
   */
  @Transactional
  public Account enable(Actor by, long userId, boolean enabled) {
    requireAdmin(by);
    require(userId);
    if (userId == by.userId() && !enabled) {
      throw Problem.conflict("own-account", "user", "you cannot disable your own account")
          .with("rule", "admin-keeps-own-account");
    }
    db.sql("UPDATE app_user SET enabled = ? WHERE id = ?").params(enabled ? 1 : 0, userId).update();
    return require(userId);
  }

  private Account require(long userId) {
    return byId(userId)
        .orElseThrow(() -> Problem.notFound("unknown-user", "no user with id " + userId));
  }

  private static void requireAdmin(Actor by) {
    if (by.role() != Role.ADMIN || by.tokenId() != null) {
      throw Problem.forbidden("only an ADMIN, signed in as a person, manages clients and users");
    }
  }

  private static String notIn(Set<Long> ids) {
    return ids.isEmpty() ? "" : " AND tenant_id NOT IN (" + InList.marks(ids.size()) + ")";
  }

  private static List<Object> withUser(long userId, Set<Long> ids) {
    List<Object> params = new ArrayList<>();
    params.add(userId);
    params.addAll(ids);
    return params;
  }

  public Optional<Account> byId(long id) {
    return db.sql("SELECT id, username, display_name, role, enabled FROM app_user WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Account(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    Role.valueOf(rs.getString(4)),
                    rs.getInt(5) == 1,
                    tenantsOf(rs.getLong(1))))
        .optional();
  }

  public List<Account> all() {
    return db.sql("SELECT id FROM app_user ORDER BY username").query(Long.class).list().stream()
        .map(id -> byId(id).orElseThrow())
        .toList();
  }

  Optional<Credentials> credentials(String username) {
    return db.sql(
            "SELECT id, username, password_hash, role, enabled FROM app_user WHERE username = ?")
        .param(username)
        .query(
            (rs, n) ->
                new Credentials(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    Role.valueOf(rs.getString(4)),
                    rs.getInt(5) == 1))
        .optional();
  }

  /** The actor behind a signed-in person, read afresh so that changed grants count at once. */
  Optional<Actor> actor(String username) {
    return credentials(username)
        .filter(Credentials::enabled)
        .map(c -> Actor.person(c.id(), c.username(), c.role(), tenantsOf(c.id())));
  }

  Set<Long> tenantsOf(long userId) {
    return new HashSet<>(
        db.sql("SELECT tenant_id FROM user_tenant WHERE user_id = ?")
            .param(userId)
            .query(Long.class)
            .list());
  }
}
