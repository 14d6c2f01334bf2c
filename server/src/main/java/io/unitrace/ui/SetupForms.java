package io.unitrace.ui;

import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.Role;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the setup screens (products, locations, inbound) share: who may use them, form text read as
 * the API's types, and a refusal placed next to the input it names. A refusal names a field as the
 * API does ({@code gtins[1]}, {@code lines[0].sku}, {@code row 3: gtin}); the form shows it on the
 * input for that field, or above the form when it names none the form has.
 */
final class SetupForms {

  /** A refusal as a form shows it: the message per input, and the one shown above the form. */
  record Refusal(Problem problem, Map<String, String> fields, String general) {

    public String on(String input) {
      return fields.get(input);
    }
  }

  private static final Pattern INDEXED = Pattern.compile("^([A-Za-z]+)\\[(\\d+)\\](?:\\.(\\w+))?$");

  private SetupForms() {}

  /**
   * Setup is for SUPERVISOR and ADMIN, as the API's writes are; an OPERATOR or a client's user is
   * refused before anything is read.
   */
  static void requireSupervisor(Actor actor) {
    if (!actor.role().atLeast(Role.SUPERVISOR) || actor.tokenReadOnly()) {
      throw Problem.forbidden(
          "setup needs the role SUPERVISOR or higher; " + actor.who() + " is " + actor.role());
    }
  }

  static boolean supervisor(Actor actor) {
    return actor != null && actor.role().atLeast(Role.SUPERVISOR) && !actor.tokenReadOnly();
  }

  /**
   * The refusal placed on the form's inputs: {@code gtins[2]} on "gtins", {@code customFields[1].x}
   * on "customFields[1]", {@code lines[0].sku} on "lines[0].sku"; a field in {@code rename} goes to
   * the input named there. Whatever lands on no input of {@code inputs} is shown above the form.
   */
  static Refusal refusal(Problem p, Set<String> inputs, Map<String, String> rename) {
    Map<String, String> fields = new LinkedHashMap<>();
    String field = p.field();
    String input = null;
    if (field != null) {
      String f = rename.getOrDefault(field, field);
      Matcher m = INDEXED.matcher(f);
      if (inputs.contains(f)) {
        input = f;
      } else if (m.matches() && inputs.contains(m.group(1) + "[]")) {
        input = m.group(1) + "[" + m.group(2) + "]" + (m.group(3) == null ? "" : "." + m.group(3));
      } else if (m.matches() && inputs.contains(m.group(1))) {
        input = m.group(1);
      }
    }
    if (input != null) {
      fields.put(input, p.getMessage());
      return new Refusal(p, fields, null);
    }
    return new Refusal(p, fields, p.getMessage());
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** A whole number typed in a form, or a refusal naming the input. */
  static Integer integer(String text, String field, String what) {
    String t = blankToNull(text);
    if (t == null) {
      return null;
    }
    try {
      return Integer.valueOf(t);
    } catch (NumberFormatException e) {
      throw Problem.badRequest(
          "invalid-field", field, what + " is a whole number, not '" + t + "'");
    }
  }

  /**
   * A date typed in a form (yyyy-MM-dd, as a date input sends it), or a refusal naming the input.
   */
  static LocalDate date(String text, String field) {
    String t = blankToNull(text);
    if (t == null) {
      return null;
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(
          "invalid-field", field, "'" + t + "' is not a date (yyyy-MM-dd, e.g. 2027-03-31)");
    }
  }

  /** An enum constant chosen in a form, or a refusal naming the input and the allowed values. */
  static <E extends Enum<E>> E choice(Class<E> type, String text, String field) {
    String t = blankToNull(text);
    if (t == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, t.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-field",
          field,
          "'" + t + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
