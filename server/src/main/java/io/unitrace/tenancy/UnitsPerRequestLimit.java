package io.unitrace.tenancy;

import io.unitrace.shared.Problem;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * At most {@code unitrace.limits.max-units-per-request} items in one request body: the elements of
 * all its lists together (units, serials, lines, SSCCs), counted after the body is read (its bytes
 * are bounded by {@link RequestLimits}) and before any of it is used, so a refused request writes
 * nothing. Answered 413 problem+json naming the limit, its value and the largest list.
 */
@ControllerAdvice
class UnitsPerRequestLimit extends RequestBodyAdviceAdapter {

  static final String MAX_UNITS = "unitrace.limits.max-units-per-request";

  /** Deeper than any request body of ours; keeps a strange body from recursing without end. */
  private static final int MAX_DEPTH = 12;

  private final int max;

  UnitsPerRequestLimit(@Value("${" + MAX_UNITS + ":100000}") int max) {
    if (max < 1) {
      throw new IllegalStateException(MAX_UNITS + " must be positive, not " + max);
    }
    this.max = max;
  }

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage message,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    Tally tally = new Tally();
    tally.walk(body, "", 0);
    if (tally.total > max) {
      throw new Problem(
              413,
              "too-many-units",
              tally.largestPath.isEmpty() ? null : tally.largestPath,
              "a request carries at most "
                  + max
                  + " units or list items ("
                  + MAX_UNITS
                  + "); this one has "
                  + tally.total
                  + ": split it")
          .with("limit", MAX_UNITS)
          .with("max", max)
          .with("received", tally.total);
    }
    return body;
  }

  /** Each record type's component accessors, opened once (the records are package-private). */
  private static final ClassValue<Method[]> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Method[] accessors = new Method[components.length];
          for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
          }
          return accessors;
        }
      };

  /** The list items in a body, and where its longest list is. */
  private static final class Tally {

    long total;
    long largest = -1;
    String largestPath = "";

    void walk(Object value, String path, int depth) {
      if (value == null || depth > MAX_DEPTH) {
        return;
      }
      if (value instanceof Collection<?> list) {
        items(list.size(), path);
        int i = 0;
        for (Object item : list) {
          walk(item, path + "[" + i++ + "]", depth + 1);
        }
      } else if (value instanceof Map<?, ?> map) {
        for (var e : map.entrySet()) {
          walk(e.getValue(), join(path, String.valueOf(e.getKey())), depth + 1);
        }
      } else if (value instanceof Object[] array) {
        items(array.length, path);
        for (int i = 0; i < array.length; i++) {
          walk(array[i], path + "[" + i + "]", depth + 1);
        }
      } else if (value instanceof JsonNode node) {
        if (node.isArray()) {
          items(node.size(), path);
        }
        if (node.isContainer()) {
          int i = 0;
          for (JsonNode child : node) {
            walk(child, path + "[" + i++ + "]", depth + 1);
          }
        }
      } else if (value.getClass().isRecord()
          && value.getClass().getName().startsWith("io.unitrace.")) {
        for (Method accessor : ACCESSORS.get(value.getClass())) {
          walk(read(accessor, value), join(path, accessor.getName()), depth + 1);
        }
      }
    }

    private void items(int n, String path) {
      total += n;
      if (n > largest) {
        largest = n;
        largestPath = path;
      }
    }

    private static String join(String path, String name) {
      return path.isEmpty() ? name : path + "." + name;
    }

    private static Object read(Method accessor, Object record) {
      try {
        return accessor.invoke(record);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException("cannot read " + accessor + " of a request body", e);
      }
    }
  }
}
