package io.unitrace.tenancy;

import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for scanners and integrations. The secret is 256 random bits, shown once; the database
 * keeps its SHA-256. A high-entropy secret needs no slow hash (nothing to brute-force), so checking
 * a token is one indexed lookup per request, and revocation counts at once.
 */
@Service
public class ApiTokens {

  public static final String PREFIX = "ut_";

  public record Issued(long id, String token, String name, String tenant, String scope) {}

  public record TokenInfo(
      long id,
      String name,
      String hint,
      String tenant,
      String scope,
      long createdAt,
      Long revokedAt) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient db;
  private final Clock clock;

  ApiTokens(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Transactional
  public Issued issue(Actor owner, Tenants.Tenant tenant, String name, String scope) {
    if (!"read".equals(scope) && !"write".equals(scope)) {
      throw Problem.badRequest("invalid-field", "scope", "scope is 'read' or 'write'");
    }
    String clean = PlainText.require("name", name, 100, "a token");
    if (!owner.mayRead(tenant.id())) {
      throw Problem.forbidden(owner.who() + " has no access to client " + tenant.code());
    }
    if ("write".equals(scope) && !owner.mayWrite(tenant.id())) {
      throw Problem.forbidden(
          owner.who()
              + " may not write for client "
              + tenant.code()
              + ", so neither may a token of theirs");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long id =
        db.sql(
                """
            INSERT INTO api_token (digest, hint, name, user_id, tenant_id, scope, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
            .params(
                digest(token),
                token.substring(0, 7),
                clean,
                owner.userId(),
                tenant.id(),
                scope,
                clock.millis())
            .query(Long.class)
            .single();
    return new Issued(id, token, clean, tenant.code(), scope);
  }

  @Transactional
  public void revoke(Actor actor, long tokenId) {
    // A token acts only within its own client: it cannot revoke a token of another client.
    int n =
        db.sql(
                """
            UPDATE api_token SET revoked_at = ?
            WHERE id = ? AND revoked_at IS NULL AND (user_id = ? OR ? = 1) AND (? = 0 OR tenant_id = ?)""")
            .params(
                clock.millis(),
                tokenId,
                actor.userId(),
                actor.role() == Role.ADMIN ? 1 : 0,
                actor.tokenTenant() == null ? 0 : 1,
                actor.tokenTenant() == null ? -1L : actor.tokenTenant())
            .update();
    if (n == 0) {
      throw Problem.notFound("unknown-token", "no active token " + tokenId + " of yours");
    }
  }

  /**
   * The actor's tokens; seen through a token, only those of that token's client (others would name
   * other clients).
   */
  public List<TokenInfo> of(Actor actor) {
    return db.sql(
            """
            SELECT t.id, t.name, t.hint, n.code AS tenant, t.scope, t.created_at, t.revoked_at
            FROM api_token t JOIN tenant n ON n.id = t.tenant_id
            WHERE t.user_id = ? AND (? = 0 OR t.tenant_id = ?) ORDER BY t.id""")
        .params(
            actor.userId(),
            actor.tokenTenant() == null ? 0 : 1,
            actor.tokenTenant() == null ? -1L : actor.tokenTenant())
        .query(TokenInfo.class)
        .list();
  }

  /** A token of a client's, with the person it acts for. */
  public record ClientToken(TokenInfo token, String owner) {}

  /**
   * Every token of one client, whoever owns it, for an ADMIN signed in as a person (who may revoke
   * any of them): a leaked token is found and revoked even when its owner is away.
   */
  public List<ClientToken> ofClient(Actor admin, long tenantId) {
    if (admin.role() != Role.ADMIN || admin.tokenId() != null) {
      throw Problem.forbidden("only an ADMIN, signed in as a person, sees every token of a client");
    }
    return db.sql(
            """
            SELECT t.id, t.name, t.hint, n.code, t.scope, t.created_at, t.revoked_at, u.username
            FROM api_token t JOIN tenant n ON n.id = t.tenant_id JOIN app_user u ON u.id = t.user_id
            WHERE t.tenant_id = ? ORDER BY t.id""")
        .param(tenantId)
        .query(
            (rs, n) ->
                new ClientToken(
                    new TokenInfo(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        Rows.longOrNull(rs, 7)),
                    rs.getString(8)))
        .list();
  }

  /**
   * A live token: who it stands for, and its client, read together so a request needs no second
   * look-up.
   */
  record Holder(Actor actor, Tenants.Tenant tenant) {}

  /** The actor a presented token stands for, if it is known, live, and its owner still enabled. */
  Optional<Holder> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return db.sql(
            """
            SELECT t.id, t.name, t.tenant_id, t.scope, u.id, u.username, u.role,
                   (SELECT count(*) FROM user_tenant g WHERE g.user_id = u.id AND g.tenant_id = t.tenant_id) AS granted,
                   n.code, n.name
            FROM api_token t JOIN app_user u ON u.id = t.user_id JOIN tenant n ON n.id = t.tenant_id
            WHERE t.digest = ? AND t.revoked_at IS NULL AND u.enabled = 1""")
        .param(digest(token))
        .query(
            (rs, n) ->
                new Holder(
                    new Actor(
                        rs.getLong(5),
                        rs.getString(6),
                        Role.valueOf(rs.getString(7)),
                        rs.getInt(8) > 0 ? Set.of(rs.getLong(3)) : Set.of(),
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        "read".equals(rs.getString(4))),
                    new Tenants.Tenant(rs.getLong(3), rs.getString(9), rs.getString(10))))
        .optional();
  }

  static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
