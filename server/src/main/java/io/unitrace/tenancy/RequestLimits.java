package io.unitrace.tenancy;

import io.unitrace.shared.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits that keep one client from hurting the others, applied before anything reads a request: the
 * size of a request body (a declared Content-Length over it is refused unread, a chunked body is
 * cut off when it passes it), and a query string that cannot be decoded (400, not a failure deep
 * inside the sign-in filters). The number of units in one request is {@link UnitsPerRequestLimit}'s
 * job.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimits {

  static final String MAX_BODY_BYTES = "unitrace.limits.max-body-bytes";

  @Bean
  FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
      @Value("${" + MAX_BODY_BYTES + ":33554432}") long maxBytes) {
    var registration = new FilterRegistrationBean<>(new BodySizeLimit(maxBytes));
    // After the character encoding filter, before Spring Security and everything else.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    return registration;
  }

  static void refuse(HttpServletResponse response, int status, String code, String json)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    if (status == 413) {
      // The body is left unread: the connection cannot carry a next request.
      response.setHeader("Connection", "close");
    }
    response
        .getWriter()
        .write(
            "{\"type\":\"/problems/%s\",\"title\":\"%s\",\"status\":%d,\"code\":\"%s\",%s}"
                .formatted(code, code.replace('-', ' '), status, code, json));
  }

  /** Refuses request bodies over {@code maxBytes}: 413 problem+json naming the limit. */
  static final class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    BodySizeLimit(long maxBytes) {
      if (maxBytes < 1024) {
        throw new IllegalStateException(MAX_BODY_BYTES + " must be at least 1024, not " + maxBytes);
      }
      this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      long declared = request.getContentLengthLong();
      if (declared > maxBytes) {
        refuse(response, 413, BODY_TOO_LARGE, detail(declared));
        return;
      }
      try {
        chain.doFilter(new Limited(request, maxBytes), response);
      } catch (ServletException | RuntimeException e) {
        // Controllers answer the refusal themselves (it is a Problem); this catches it elsewhere.
        if (causedByTooLarge(e) && !response.isCommitted()) {
          response.reset();
          refuse(response, 413, BODY_TOO_LARGE, detail(-1));
          return;
        }
        throw e;
      }
    }

    private static boolean causedByTooLarge(Throwable t) {
      for (; t != null; t = t.getCause()) {
        if (t instanceof Problem p && BODY_TOO_LARGE.equals(p.code())) {
          return true;
        }
      }
      return false;
    }

    private String detail(long declared) {
      return "\"limit\":\"%s\",\"max\":%d,%s\"detail\":\"a request body is at most %d bytes (%s)\""
          .formatted(
              MAX_BODY_BYTES,
              maxBytes,
              declared >= 0 ? "\"received\":" + declared + "," : "",
              maxBytes,
              MAX_BODY_BYTES);
    }
  }

  static final String BODY_TOO_LARGE = "body-too-large";

  /** The refusal of a body read past the limit, answered by whoever reads it (problem+json). */
  static Problem bodyTooLarge(long max) {
    return new Problem(
            413,
            BODY_TOO_LARGE,
            null,
            "a request body is at most " + max + " bytes (" + MAX_BODY_BYTES + ")")
        .with("limit", MAX_BODY_BYTES)
        .with("max", max);
  }

  /** The request with its body stream counted. */
  private static final class Limited extends HttpServletRequestWrapper {

    private final long max;
    private ServletInputStream counted;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new Counted(super.getInputStream(), max);
      }
      return counted;
    }
  }

  private static final class Counted extends ServletInputStream {

    private final ServletInputStream in;
    private final long max;
    private long read;

    Counted(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > max) {
        throw bodyTooLarge(max);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
