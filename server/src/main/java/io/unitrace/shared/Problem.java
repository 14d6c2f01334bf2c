package io.unitrace.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal that reaches the client as RFC 9457 problem details. {@code code} is stable and becomes
 * the problem {@code type} ({@code /problems/<code>}); {@code field} names the offending input (a
 * JSON field, a CSV row and column, or a scan position) when there is one.
 */
public class Problem extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;
  private final Map<String, Object> extras = new LinkedHashMap<>();

  /** {@code status} is the HTTP status code of the answer (400, 404, 409, 422…). */
  public Problem(int status, String code, String field, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static Problem badRequest(String code, String field, String message) {
    return new Problem(400, code, field, message);
  }

  public static Problem notFound(String code, String message) {
    return new Problem(404, code, null, message);
  }

  public static Problem conflict(String code, String field, String message) {
    return new Problem(409, code, field, message);
  }

  public static Problem unprocessable(String code, String field, String message) {
    return new Problem(422, code, field, message);
  }

  public static Problem forbidden(String message) {
    return new Problem(403, "forbidden", null, message);
  }

  /** Adds a member to the problem document, e.g. the rule a refused transition broke. */
  public Problem with(String name, Object value) {
    extras.put(name, value);
    return this;
  }

  public Map<String, Object> extras() {
    return extras;
  }

  /**
   * The same refusal about another input, e.g. "units[7].serial" for what a value type called
   * "serial".
   */
  public Problem at(String otherField) {
    Problem moved = new Problem(status, code, otherField, getMessage());
    extras.forEach(moved::with);
    return moved;
  }

  public static Problem unauthorized(String message) {
    return new Problem(401, "unauthenticated", null, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
