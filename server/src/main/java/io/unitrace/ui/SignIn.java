package io.unitrace.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in form. Spring Security handles its POST (username, password, CSRF token) and the
 * sign-out; this only draws the page, and sends a person who is signed in already to the start.
 */
@Controller
class SignIn {

  @GetMapping("/login")
  String form(HttpServletRequest request) {
    return request.getUserPrincipal() != null ? "redirect:/" : "login";
  }
}
