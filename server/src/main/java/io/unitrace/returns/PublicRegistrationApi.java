package io.unitrace.returns;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public warranty registration API: no sign-in (the security configuration lets exactly this
 * path through), rate-limited per client and caller address. 201 for a new registration, 200 when
 * the same party registered the unit before; the answer is a reference and nothing else.
 */
@RestController
class PublicRegistrationApi {

  private final WarrantyRegistrations registrations;

  PublicRegistrationApi(WarrantyRegistrations registrations) {
    this.registrations = registrations;
  }

  @Operation(
      summary = "Register a warranty",
      description =
          "A buyer registers a unit's warranty with the purchase date; no sign-in, rate limited per caller.")
  @PostMapping("/api/v1/public/{client}/warranty-registrations")
  ResponseEntity<WarrantyRegistrations.Registered> register(
      @PathVariable String client,
      @RequestBody WarrantyRegistrations.RegistrationForm body,
      HttpServletRequest request) {
    WarrantyRegistrations.Registered r =
        registrations.register(
            client, body, request.getRemoteAddr(), WarrantyRegistrations.Source.API);
    return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r);
  }

  /** 429 with Retry-After (seconds), as problem details. */
  @ExceptionHandler(RateLimitExceeded.class)
  ResponseEntity<ProblemDetail> limited(RateLimitExceeded e) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    body.setType(URI.create("/problems/" + e.code()));
    body.setTitle(e.code().replace('-', ' '));
    body.setProperty("code", e.code());
    e.extras().forEach(body::setProperty);
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }
}
