package io.unitrace.catalog;

import io.unitrace.shared.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** One field of a product's unit schema, e.g. IMEI (TEXT, required, unique) or firmware (TEXT). */
public record CustomField(String name, Type type, boolean required, boolean unique) {

  public enum Type {
    TEXT,
    NUMBER,
    DATE,
    BOOLEAN
  }

  public CustomField {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,59}")) {
      throw Problem.badRequest(
          "invalid-field",
          "customFields.name",
          "a custom field name is a letter then up to 59 letters, digits or _: " + name);
    }
    if (type == null) {
      throw Problem.badRequest(
          "invalid-field",
          "customFields.type",
          "custom field " + name + " needs a type: TEXT, NUMBER, DATE or BOOLEAN");
    }
  }

  /** The value in its stored text form, or a refusal naming the field. */
  public String normalise(String value, String fieldPath) {
    if (value == null || value.isBlank()) {
      throw Problem.badRequest("invalid-field", fieldPath, name + " must not be empty");
    }
    String v = value.strip();
    if (v.length() > 200) {
      throw Problem.badRequest("invalid-field", fieldPath, name + " is longer than 200 characters");
    }
    try {
      return switch (type) {
        case TEXT -> v;
        case NUMBER -> new BigDecimal(v).toPlainString();
        case DATE -> LocalDate.parse(v).toString();
        case BOOLEAN ->
            switch (v.toLowerCase()) {
              case "true", "yes", "1" -> "true";
              case "false", "no", "0" -> "false";
              default -> throw new IllegalArgumentException();
            };
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw Problem.badRequest(
          "invalid-field", fieldPath, name + " must be a " + type + ", got '" + v + "'");
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-field", fieldPath, name + " must be true or false, got '" + v + "'");
    }
  }
}
