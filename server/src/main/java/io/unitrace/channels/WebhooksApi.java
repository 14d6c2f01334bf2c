package io.unitrace.channels;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's webhooks: subscribing (the answer shows the signing secret, once), listing, deleting,
 * the delivery log and redelivery on request. Managing subscriptions needs a SUPERVISOR, as other
 * settings of a client do; anyone who sees the client may read them (never the secret).
 */
@RestController
@RequestMapping("/api/v1/channels/webhooks")
class WebhooksApi {

  private final Webhooks webhooks;

  WebhooksApi(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Operation(
      summary = "Subscribe a webhook",
      description =
          "A URL that gets the client's changes of the named types, signed with the secret this answer shows once.")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Webhooks.CreatedWebhook subscribe(TenantScope scope, @RequestBody Webhooks.NewWebhook body) {
    scope.requireRole(Role.SUPERVISOR);
    return webhooks.subscribe(scope.tenantId(), scope.actor().who(), body);
  }

  @Operation(summary = "List webhooks", description = "The client's webhook subscriptions.")
  @GetMapping
  List<Webhooks.Webhook> list(TenantScope scope) {
    return webhooks.list(scope.tenantId());
  }

  @Operation(summary = "Remove a webhook", description = "No more deliveries to it.")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unsubscribe(TenantScope scope, @PathVariable long id) {
    scope.requireRole(Role.SUPERVISOR);
    webhooks.unsubscribe(scope.tenantId(), id);
  }

  @Operation(
      summary = "List a webhook's deliveries",
      description = "Each delivery with its attempts, last status and next try.")
  @GetMapping("/{id}/deliveries")
  CursorPage<Webhooks.Delivery> deliveries(
      TenantScope scope,
      @PathVariable long id,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return webhooks.deliveries(scope.tenantId(), id, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Send a delivery again",
      description = "Queues a failed or delivered delivery for another attempt.")
  @PostMapping("/deliveries/{id}/redeliver")
  Webhooks.Delivery redeliver(TenantScope scope, @PathVariable long id) {
    scope.requireWrite();
    return webhooks.redeliver(scope.tenantId(), id);
  }
}
