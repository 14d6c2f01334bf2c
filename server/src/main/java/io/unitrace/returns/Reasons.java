package io.unitrace.returns;

import io.unitrace.shared.Database;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Return reason codes: the built-in ones every client has, and the client's own, added by a
 * supervisor. A reason other than a warranty repair means the customer is refunded.
 */
@Service
class Reasons {

  static final String WARRANTY_REPAIR = "WARRANTY_REPAIR";

  static final Map<String, String> BUILT_IN = new LinkedHashMap<>();

  static {
    BUILT_IN.put("DEFECTIVE", "Defective");
    BUILT_IN.put("DAMAGED_IN_TRANSIT", "Damaged in transit");
    BUILT_IN.put("WRONG_ITEM", "Wrong item sent");
    BUILT_IN.put("NOT_AS_DESCRIBED", "Not as described");
    BUILT_IN.put("CHANGED_MIND", "Changed mind");
    BUILT_IN.put(WARRANTY_REPAIR, "Warranty repair");
  }

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

  record Reason(String code, String label, boolean builtIn) {}

  record ReasonSpec(String label) {

    ReasonSpec {
      Text.line("label", label, 200);
    }
  }

  private final JdbcClient db;
  private final Clock clock;

  Reasons(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  List<Reason> list(long tenantId) {
    List<Reason> all = new ArrayList<>();
    BUILT_IN.forEach((code, label) -> all.add(new Reason(code, label, true)));
    all.addAll(
        db.sql("SELECT code, label FROM return_reason WHERE tenant_id = ? ORDER BY code")
            .params(tenantId)
            .query((rs, n) -> new Reason(rs.getString(1), rs.getString(2), false))
            .list());
    return all;
  }

  Reason put(TenantScope scope, String code, ReasonSpec spec) {
    scope.requireRole(Role.SUPERVISOR);
    String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    if (!CODE.matcher(c).matches()) {
      throw Problem.badRequest(
          "invalid-field", "code", "a reason code is 2 to 40 letters, digits or _ (DEFECTIVE)");
    }
    if (BUILT_IN.containsKey(c)) {
      throw Problem.conflict("built-in-reason", "code", c + " is a built-in reason");
    }
    if (spec == null
        || spec.label() == null
        || spec.label().isBlank()
        || spec.label().length() > 200) {
      throw Problem.badRequest(
          "invalid-field", "label", "a label of 1 to 200 characters is required");
    }
    int updated =
        db.sql("UPDATE return_reason SET label = ? WHERE tenant_id = ? AND code = ?")
            .params(spec.label().strip(), scope.tenantId(), c)
            .update();
    if (updated == 0) {
      try {
        db.sql("INSERT INTO return_reason (tenant_id, code, label, created_at) VALUES (?, ?, ?, ?)")
            .params(scope.tenantId(), c, spec.label().strip(), clock.millis())
            .update();
      } catch (DataAccessException e) {
        if (!Database.isUniqueViolation(e)) {
          throw e;
        }
      }
    }
    return new Reason(c, spec.label().strip(), false);
  }

  /** The reason code as stored, or a 400 naming {@code field} and the codes there are. */
  String require(long tenantId, String code, String field) {
    if (code == null || code.isBlank()) {
      throw Problem.badRequest(
          "invalid-field", field, "say why it comes back: a reason code is required");
    }
    String c = code.strip().toUpperCase(Locale.ROOT);
    List<Reason> all = list(tenantId);
    if (all.stream().noneMatch(r -> r.code().equals(c))) {
      throw Problem.badRequest(
              "unknown-reason",
              field,
              "unknown reason "
                  + c
                  + "; the reasons are "
                  + all.stream().map(Reason::code).toList())
          .with("allowed", all.stream().map(Reason::code).toList());
    }
    return c;
  }
}
