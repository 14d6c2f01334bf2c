package io.unitrace.shared;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.core.JacksonException;

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
    ProblemDetail body = detail(p.status(), p.code(), p.field(), p.getMessage());
    p.extras().forEach(body::setProperty);
    return ResponseEntity.status(p.status())
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  /** Anything unforeseen: logged with its stack, answered without internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) throws Exception {
    if (e instanceof org.springframework.web.ErrorResponse) {
      throw e;
    }
    org.slf4j.LoggerFactory.getLogger(ProblemResponses.class).error("unexpected failure", e);
    return problem(new Problem(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null,
        "the server failed on this request; it was logged"));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> denied(AccessDeniedException e) {
    return problem(Problem.forbidden(e.getMessage()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(Problem.badRequest("invalid-parameter", e.getName(), "parameter '" + e.getName() + "' has an invalid value: " + e.getValue()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = null;
    String message = "the request body is not valid JSON";
    Throwable cause = ex.getCause();
    if (cause instanceof MismatchedInputException mie) {
      field = mie.getPath().isEmpty() ? null : pathOf(mie.getPath());
      message = "the field '" + field + "' has a value of the wrong type";
    } else if (cause instanceof JacksonException je) {
      message = "the request body is not valid JSON: " + je.getOriginalMessage();
    }
    return problem(Problem.badRequest("malformed-body", field, message));
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
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    var error = ex.getBindingResult().getFieldErrors().stream().findFirst();
    String field = error.map(f -> f.getField()).orElse(null);
    String message = error.map(f -> "'" + f.getField() + "' " + f.getDefaultMessage()).orElse("invalid request");
    return problem(Problem.badRequest("invalid-field", field, message));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(Problem.badRequest("missing-parameter", ex.getParameterName(), "parameter '" + ex.getParameterName() + "' is required"));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail pd && pd.getProperties() != null && pd.getProperties().containsKey("code")) {
      return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
    String code = statusCode.value() == 404 ? "not-found" : statusCode.value() == 405 ? "method-not-allowed" : "bad-request";
    if (ex instanceof MissingRequestHeaderException mh) {
      return problem(Problem.badRequest("missing-header", mh.getHeaderName(), "header '" + mh.getHeaderName() + "' is required"));
    }
    return ResponseEntity.status(statusCode)
        .headers(headers)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail(statusCode, code, null, ex.getMessage()));
  }
}
