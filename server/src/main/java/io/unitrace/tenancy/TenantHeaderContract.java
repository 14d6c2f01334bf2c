package io.unitrace.tenancy;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.stereotype.Component;

/**
 * The tenant of a request in the OpenAPI document: a {@link TenantScope} argument is resolved from
 * the sign-in and the {@code X-Tenant} header ({@link TenantScopes}), never sent by the client, so
 * it is hidden, and every operation that takes one declares the header instead.
 */
@Component
class TenantHeaderContract implements GlobalOperationCustomizer {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(TenantScope.class);
  }

  @Override
  public io.swagger.v3.oas.models.Operation customize(
      io.swagger.v3.oas.models.Operation operation,
      org.springframework.web.method.HandlerMethod handler) {
    boolean tenant =
        Arrays.stream(handler.getMethodParameters())
            .anyMatch(p -> p.getParameterType() == TenantScope.class);
    if (tenant) {
      operation.addParametersItem(
          new HeaderParameter()
              .name(TenantScopes.HEADER)
              .required(false)
              .description(
                  "The client (tenant) to work in, by its code. May be left out when the caller"
                      + " sees one client only, and with an API token (which works in its own"
                      + " client). The query parameter `tenant` does the same.")
              .schema(new StringSchema().example("acme")));
    }
    return operation;
  }
}
