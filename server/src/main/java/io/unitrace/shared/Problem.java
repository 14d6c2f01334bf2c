package io.unitrace.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal that reaches the client as RFC 9457 problem details. {@code code} is stable and becomes
 * the problem {@code type} ({@code /problems/<code>}); {@code field} names the offending input (a
 * JSON field, a CSV row and column, or a scan position) when there is one.
 */
public class Problem extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String field;
  private final Map<String, Object> extras = new LinkedHashMap<>();

  public Problem(HttpStatus status, String code, String field, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static Problem badRequest(String code, String field, String message) {
    return new Problem(HttpStatus.BAD_REQUEST, code, field, message);
  }

  public static Problem notFound(String code, String message) {
    return new Problem(HttpStatus.NOT_FOUND, code, null, message);
  }

  public static Problem conflict(String code, String field, String message) {
    return new Problem(HttpStatus.CONFLICT, code, field, message);
  }

  public static Problem unprocessable(String code, String field, String message) {
    return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, code, field, message);
  }

  public static Problem forbidden(String message) {
    return new Problem(HttpStatus.FORBIDDEN, "forbidden", null, message);
  }

  /** Adds a member to the problem document, e.g. the rule a refused transition broke. */
  public Problem with(String name, Object value) {
    extras.put(name, value);
    return this;
  }

  public Map<String, Object> extras() {
    return extras;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
