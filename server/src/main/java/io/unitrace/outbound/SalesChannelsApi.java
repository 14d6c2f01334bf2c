package io.unitrace.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's sales channels and customers, master data kept by a SUPERVISOR. Channels live under
 * {@code /sales-channels}: {@code /channels} is the availability feed's and webhooks' path.
 */
@RestController
@RequestMapping("/api/v1")
class SalesChannelsApi {

  private final SalesChannels channels;
  private final Customers customers;

  SalesChannelsApi(SalesChannels channels, Customers customers) {
    this.channels = channels;
    this.customers = customers;
  }

  @Operation(
      summary = "Create or change a sales channel",
      description = "A channel orders come from (shop, marketplace), by code.")
  @PutMapping("/sales-channels/{code}")
  SalesChannels.Channel putChannel(
      TenantScope scope, @PathVariable String code, @RequestBody SalesChannels.ChannelSpec spec) {
    return channels.put(scope, code, spec);
  }

  @Operation(summary = "List sales channels", description = "The client's sales channels.")
  @GetMapping("/sales-channels")
  List<SalesChannels.Channel> channels(TenantScope scope) {
    return channels.list(scope.tenantId());
  }

  @Operation(
      summary = "Create or change a customer",
      description = "A customer goods are sold to, by code.")
  @PutMapping("/customers/{code}")
  Customers.Customer putCustomer(
      TenantScope scope, @PathVariable String code, @RequestBody Customers.CustomerSpec spec) {
    return customers.put(scope, code, spec);
  }

  @Operation(summary = "List customers", description = "The client's customers.")
  @GetMapping("/customers")
  List<Customers.Customer> customers(TenantScope scope) {
    return customers.list(scope.tenantId());
  }
}
