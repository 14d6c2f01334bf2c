package io.unitrace.tenancy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests that used to fail inside the server and now get a client's answer: a query string that
 * cannot be decoded ({@code ?x=%zz}) is a 400 before the sign-in filters trip over it, and {@code
 * /error} asked for directly (no failure behind it) is the page that does not exist, a 404.
 */
@Configuration(proxyBeanMethods = false)
class MalformedRequests {

  @Bean
  FilterRegistrationBean<MalformedQueries> malformedQueries() {
    var registration = new FilterRegistrationBean<>(new MalformedQueries());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 60);
    return registration;
  }

  @Bean
  FilterRegistrationBean<DirectErrorPage> directErrorPage() {
    var registration = new FilterRegistrationBean<>(new DirectErrorPage());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 70);
    registration.addUrlPatterns("/error", "/error/*");
    return registration;
  }

  /** A query string Tomcat cannot decode ({@code ?x=%zz}) is the client's error: 400. */
  static final class MalformedQueries extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getQueryString() != null) {
        try {
          request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException e) {
          String field = undecodable(request.getQueryString());
          RequestLimits.refuse(
              response,
              400,
              "malformed-query",
              (field == null ? "" : "\"field\":\"" + field + "\",")
                  + "\"detail\":\"the query string is not valid URL encoding\"");
          return;
        }
      }
      chain.doFilter(request, response);
    }
  }

  /** The first parameter whose value cannot be decoded, when its name is a plain word. */
  static String undecodable(String query) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      try {
        java.net.URLDecoder.decode(
            eq < 0 ? "" : pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return name.matches("[A-Za-z0-9_.-]{1,60}") ? name : null;
      }
    }
    return null;
  }

  /** {@code GET /error} typed in: shown as the error page of a page that does not exist. */
  static final class DirectErrorPage extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getDispatcherType() == DispatcherType.REQUEST
          && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
      }
      chain.doFilter(request, response);
    }
  }
}
