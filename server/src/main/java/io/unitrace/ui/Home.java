package io.unitrace.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: where to go next, and which client to work in when there are several. */
@Controller
class Home {

  @GetMapping("/")
  String home() {
    return "home";
  }
}
