package io.unitrace.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every refusal of the REST API into application/problem+json with a stable type. */
@RestControllerAdvice(basePackages = "io.unitrace")
class ProblemResponses extends ResponseEntityExceptionHandler {

  static ProblemDetail detail(HttpStatusCode status, String code, String field, String message) {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, message);
    pd.setType(URI.create("/problems/" + code));
    pd.setTitle(code.replace('-', ' '));
    pd.setProperty("code", code);
    if (field != null) {
      pd.setProperty("field", field);
    }
    return pd;
  }

  @ExceptionHandler(Problem.class)
  ResponseEntity<Object> problem(Problem p) {
    HttpStatus status = HttpStatus.valueOf(p.status());
    ProblemDetail body = detail(status, p.code(), p.field(), p.getMessage());
    p.extras().forEach(body::setProperty);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /** Anything unforeseen: logged with its stack, answered without internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) throws Exception {
    if (e instanceof ErrorResponse) {
      throw e;
    }
    LoggerFactory.getLogger(ProblemResponses.class).error("unexpected failure", e);
    return problem(
        new Problem(
            500, "internal-error", null, "the server failed on this request; it was logged"));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> denied(AccessDeniedException e) {
    return problem(Problem.forbidden(e.getMessage()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        Problem.badRequest(
            "invalid-parameter",
            e.getName(),
            "parameter '"
                + e.getName()
                + "' has an invalid value: "
                + e.getValue()
                + (e.getRequiredType() == null || e.getRequiredType() == String.class
                    ? ""
                    : "; it must be " + expected(e.getRequiredType()))));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String field = null;
    String message = "the request body is not valid JSON";
    Throwable cause = ex.getCause();
    Problem refusal = refusalInside(cause);
    if (refusal != null) {
      // A value type refused its input while the body was read (e.g. a custom field's name):
      // answer with that refusal, located at the JSON path where it happened.
      return problem(located(refusal, cause));
    }
    if (cause instanceof UnrecognizedPropertyException upe) {
      return problem(unknownProperty(upe));
    }
    if (cause instanceof InvalidNullException ine) {
      field = pathOf(ine.getPath());
      message = "the field '" + field + "' is required and must not be null";
    } else if (cause instanceof MismatchedInputException mie) {
      field = mie.getPath().isEmpty() ? null : pathOf(mie.getPath());
      String expected = expected(mie.getTargetType());
      message =
          (field == null
                  ? "the request body must be " + expected
                  : "the field '" + field + "' must be " + expected)
              + (mie instanceof InvalidFormatException ife && ife.getValue() != null
                  ? "; got '" + ife.getValue() + "'"
                  : "");
      return problem(
          Problem.badRequest("malformed-body", field, message).with("expected", expected));
    } else if (cause instanceof JacksonException je) {
      message = "the request body is not valid JSON: " + je.getOriginalMessage();
    }
    return problem(Problem.badRequest("malformed-body", field, message));
  }

  /**
   * A property the body's type does not have, named with its path and the known property it most
   * likely meant.
   */
  private static Problem unknownProperty(UnrecognizedPropertyException e) {
    String field = pathOf(e.getPath());
    List<String> known =
        e.getKnownPropertyIds() == null
            ? List.of()
            : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    var meant = Closest.to(e.getPropertyName(), known);
    String message =
        "unknown property '"
            + field
            + "'"
            + meant.map(m -> "; did you mean '" + m + "'?").orElse(";")
            + " known here: "
            + String.join(", ", known);
    Problem p =
        Problem.badRequest("unknown-property", field, message)
            .with("property", e.getPropertyName())
            .with("known", known);
    return meant.isPresent() ? p.with("didYouMean", meant.get()) : p;
  }

  /** What a JSON value must be to be read as {@code type}, in the client's terms. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (CharSequence.class.isAssignableFrom(type)
        || type == char.class
        || type == Character.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type.isEnum()) {
      return "one of "
          + String.join(
              ", ",
              java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type == java.time.LocalDate.class) {
      return "a date as YYYY-MM-DD, e.g. \"2027-03-31\"";
    }
    if (type == java.time.LocalDateTime.class) {
      return "a date and time as YYYY-MM-DDThh:mm:ss, e.g. \"2027-03-31T14:30:00\"";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
      return "a date and time with its offset as YYYY-MM-DDThh:mm:ss±hh:mm or Z (ISO 8601),"
          + " e.g. \"2027-03-31T14:30:00+01:00\"";
    }
    return "an object";
  }

  private static Problem refusalInside(Throwable t) {
    for (; t != null; t = t.getCause()) {
      if (t instanceof Problem p) {
        return p;
      }
    }
    return null;
  }

  /**
   * The refusal with its field prefixed by where in the body it happened: "customFields.name" at
   * customFields[0] → "customFields[0].name".
   */
  private static Problem located(Problem p, Throwable cause) {
    if (!(cause instanceof tools.jackson.databind.DatabindException de) || de.getPath().isEmpty()) {
      return p;
    }
    String at = pathOf(de.getPath());
    if (p.field() == null) {
      return p.at(at);
    }
    String leaf = p.field().substring(p.field().lastIndexOf('.') + 1);
    if (at.equals(leaf) || at.endsWith("." + leaf)) {
      return p.at(at);
    }
    // The field is relative to the object the path ends at; a refusal that already names the
    // list it sits in ("customFields.name" at customFields[0]) keeps only the part after it.
    String list = at.replaceAll("\\[\\d+\\]$", "");
    list = list.substring(list.lastIndexOf('.') + 1);
    String relative =
        p.field().startsWith(list + ".") ? p.field().substring(list.length() + 1) : p.field();
    return p.at(at + "." + relative);
  }

  private static String pathOf(List<tools.jackson.databind.DatabindException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (var ref : path) {
      if (ref.getPropertyName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var error = ex.getBindingResult().getFieldErrors().stream().findFirst();
    String field = error.map(f -> f.getField()).orElse(null);
    String message =
        error.map(f -> "'" + f.getField() + "' " + f.getDefaultMessage()).orElse("invalid request");
    return problem(Problem.badRequest("invalid-field", field, message));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return problem(
        Problem.badRequest(
            "missing-parameter",
            ex.getParameterName(),
            "parameter '" + ex.getParameterName() + "' is required"));
  }

  /** The problem code of a refusal Spring itself raised, by its status. */
  static String codeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 415 -> "unsupported-media-type";
      default -> "bad-request";
    };
  }

  /**
   * Requests that reach no controller (an unknown route, a method the route does not take): the
   * advice above applies only to our controllers, so without this the API would answer them with
   * Spring Boot's plain JSON error. Only {@code /api/**} is answered here; other paths keep the
   * default handling.
   */
  @RestControllerAdvice
  @Order(Ordered.LOWEST_PRECEDENCE)
  static class UnmatchedRoutes {

    @ExceptionHandler({
      NoResourceFoundException.class,
      NoHandlerFoundException.class,
      HttpRequestMethodNotSupportedException.class,
      HttpMediaTypeNotSupportedException.class,
      HttpMediaTypeNotAcceptableException.class
    })
    ResponseEntity<Object> unmatched(Exception e, HttpServletRequest request) throws Exception {
      if (!request.getRequestURI().startsWith("/api/")) {
        throw e;
      }
      var error = (ErrorResponse) e;
      HttpStatusCode status = error.getStatusCode();
      String code = codeOf(status);
      String message =
          switch (status.value()) {
            case 404 -> "no such resource: " + request.getMethod() + " " + request.getRequestURI();
            default -> error.getBody().getDetail();
          };
      return ResponseEntity.status(status)
          .headers(error.getHeaders())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(detail(status, code, null, message));
    }
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    if (body instanceof ProblemDetail pd
        && pd.getProperties() != null
        && pd.getProperties().containsKey("code")) {
      return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
    String code = codeOf(statusCode);
    if (ex instanceof MissingRequestHeaderException mh) {
      return problem(
          Problem.badRequest(
              "missing-header",
              mh.getHeaderName(),
              "header '" + mh.getHeaderName() + "' is required"));
    }
    return ResponseEntity.status(statusCode)
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail(statusCode, code, null, ex.getMessage()));
  }
}
