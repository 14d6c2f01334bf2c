package io.unitrace.channels;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The change feed of the request's client: {@code GET /api/v1/channels/feed?after=<seq>}. A reader
 * keeps the {@code next} of each answer and passes it as {@code after}; with {@code waitSeconds} an
 * answer with nothing new waits that long for the first new event (long poll).
 */
@RestController
@RequestMapping("/api/v1/channels")
class FeedApi {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int MAX_WAIT_SECONDS = 30;

  private final Feed feed;

  FeedApi(Feed feed) {
    this.feed = feed;
  }

  @Operation(
      summary = "Read the sales channel feed",
      description =
          "Availability and order changes after a position, for a sales channel to poll; waits up to waitSeconds for something new.")
  @GetMapping("/feed")
  Feed.Page feed(
      TenantScope scope,
      @RequestParam(required = false) Long after,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Integer waitSeconds) {
    long from = after == null ? 0 : after;
    if (from < 0) {
      throw Problem.badRequest(
          "invalid-parameter", "after", "after is a sequence number, 0 or more");
    }
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw Problem.badRequest(
          "invalid-parameter", "limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    int wait = waitSeconds == null ? 0 : waitSeconds;
    if (wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw Problem.badRequest(
          "invalid-parameter",
          "waitSeconds",
          "waitSeconds must be between 0 and " + MAX_WAIT_SECONDS);
    }
    return feed.after(scope.tenantId(), from, n, wait * 1000L);
  }
}
