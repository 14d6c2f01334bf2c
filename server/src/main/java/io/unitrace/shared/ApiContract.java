package io.unitrace.shared;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.unitrace.gs1.Gln;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document (/v3/api-docs, Swagger UI at /swagger-ui.html) as a contract a client can be
 * generated from: what the whole API shares is said here once, not on each controller method —
 * sign-in, the problem responses every operation may give, the Idempotency-Key header, parameter
 * descriptions by name, examples of the main requests, and one schema name per record. Operations
 * describe themselves with {@code @Operation}; the tenant header is declared by tenancy, which owns
 * it. A test compares the live document with the committed copy a client is generated from
 * (server/src/test/resources/openapi/unitrace.json).
 */
@Configuration(proxyBeanMethods = false)
class ApiContract {

  static final String BASIC = "basic";
  static final String BEARER = "bearer";
  static final String PROBLEM = "Problem";
  static final String PROBLEM_JSON = "application/problem+json";

  static {
    // An enum is one named schema (Hold, UnitState…) rather than its values repeated inline at
    // every use: a generated client gets one type for it.
    ModelResolver.enumsAsRef = true;
    // Free JSON (an event's details, its business transactions) is any JSON value; springdoc would
    // otherwise describe Jackson's node classes property by property.
    SpringDocUtils.getConfig()
        .replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value."))
        .replaceWithSchema(ObjectNode.class, new ObjectSchema())
        // GS1 identifiers are their plain digits in JSON (JsonIdentifiers).
        .replaceWithSchema(
            Gtin.class,
            new StringSchema().description("A GTIN, 14 digits.").example("09506000134352"))
        .replaceWithSchema(
            Sscc.class,
            new StringSchema().description("An SSCC, 18 digits.").example("106141411234567897"))
        .replaceWithSchema(
            Gln.class, new StringSchema().description("A GLN, 13 digits.").example("9506000000008"))
        .replaceWithSchema(ArrayNode.class, new ArraySchema().items(new Schema<>()));
  }

  private static final String DESCRIPTION =
      """
      Unitrace knows every serialized unit: where it is, its state, and everything that ever \
      happened to it, plus lots and quantities of goods that are not serialized.

      **Sign in** with HTTP Basic (a user) or `Authorization: Bearer ut_…` (an API token, made \
      with `POST /api/v1/tokens` and shown once; a token works in its own client only).

      **Client (tenant).** Every operation on a client's goods works in one client: name it with \
      the header `X-Tenant: <client code>` (or the query parameter `tenant`). It may be left out \
      when the caller sees only one client, or signs in with an API token.

      **Idempotency.** Scans and commands take an `Idempotency-Key` header: sending the same key \
      again answers the first result and records nothing new, so a scanner may retry safely.

      **Errors** are RFC 9457 problem details (`application/problem+json`) with a stable `code` \
      (also the `type`, `/problems/<code>`) and, where one input was wrong, the `field` naming it \
      (a JSON path such as `units[3].serial`, a CSV row and column, or a scan position). A \
      refused request writes nothing.

      **Limits.** A request body is at most `UNITRACE_MAX_BODY_BYTES` bytes (default 33554432, \
      32 MB) and names at most `UNITRACE_MAX_UNITS_PER_REQUEST` units, serials or lines \
      together (default 100,000); over either the answer is 413 `body-too-large` or \
      `too-many-units`, naming the limit. Lists are paged with `cursor` and `limit`: pass the \
      `next` of one page as the `cursor` of the next.
      """;

  /**
   * The problem responses every operation may give, by status; 413 only where a body is read. 500
   * is left out: it is a server fault, not part of the contract.
   */
  private static final Map<String, String> PROBLEMS =
      Map.of(
          "400",
          "The request is malformed: the problem's field names the input.",
          "401",
          "Not signed in, or the password or API token is wrong.",
          "403",
          "Signed in, but not allowed to do this (role, client or token scope).",
          "404",
          "Nothing with that identifier in this client.",
          "409",
          "In conflict with what is recorded (already exists, already closed…).",
          "422",
          "Well-formed, but a business rule refuses it: the problem names the rule.",
          "413",
          "The body is over the size limit, or names too many units.",
          "429",
          "Too many failed sign-ins for this user name or from this address: the password was not"
              + " checked. Try again after Retry-After seconds (also the problem's retryAfterSeconds).");

  /** 429 on an operation open without sign-in: its own rate limit, per address. */
  private static final String OPEN_TOO_MANY =
      "Too many requests from this address: try again after Retry-After seconds (also the"
          + " problem's retryAfterSeconds).";

  /**
   * Answers that are not JSON, by operation id: labels (PNG, SVG or ZPL by {@code format}), ZPL
   * batches, CSV and JSON-lines exports. Their controllers write bytes, which springdoc cannot see
   * through.
   */
  private static final Map<String, List<String>> FILE_ANSWERS =
      Map.ofEntries(
          Map.entry("labelsUnit", List.of("image/png", "image/svg+xml", "application/zpl")),
          Map.entry("labelsContainer", List.of("image/png", "image/svg+xml", "application/zpl")),
          Map.entry("labelsLocation", List.of("image/png", "image/svg+xml", "application/zpl")),
          Map.entry("labelsContainerUnits", List.of("application/zpl")),
          Map.entry("labelsReceiptUnits", List.of("application/zpl")),
          Map.entry("labelsReceiptContainers", List.of("application/zpl")),
          Map.entry("integrityExport", List.of("application/jsonl")),
          Map.entry("recallsCustomersCsv", List.of("text/csv")),
          Map.entry("traceForwardCsv", List.of("text/csv")));

  private static final Set<String> WITHOUT_SIGN_IN = Set.of("/api/v1/public/");

  private final String version;

  ApiContract(@Value("${unitrace.version:development}") String version) {
    this.version = version;
  }

  @Bean
  OpenAPI unitraceOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Unitrace API")
                .version(version)
                .description(DESCRIPTION)
                .license(new License().name("Apache-2.0")))
        // Relative, so the document is the same on every host and port (the test compares it).
        .servers(List.of(new Server().url("/").description("this server")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("A user's name and password."))
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("ut_…")
                        .description(
                            "An API token (`ut_…`), made with POST /api/v1/tokens and shown once.")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  /** RFC 9457 problem details as {@code ProblemResponses} and the sign-in filters write them. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema<?> problemSchema() {
    Schema problem =
        new ObjectSchema()
            .description(
                "RFC 9457 problem details. More members may follow, e.g. `rule` (the rule a"
                    + " refused transition broke), `expected` (what a malformed value must be),"
                    + " `limit`, `max` and `received` (a limit that was passed), `retryAfterSeconds` (seconds"
                    + " to wait, with 429).")
            .addProperty(
                "type",
                new StringSchema()
                    .description("`/problems/<code>`: stable per kind of failure.")
                    .example("/problems/invalid-field"))
            .addProperty(
                "title",
                new StringSchema().description("The code in words.").example("invalid field"))
            .addProperty("status", new IntegerSchema().description("The HTTP status.").example(400))
            .addProperty(
                "detail",
                new StringSchema()
                    .description("What was wrong, for a person.")
                    .example("'serial' must not be blank"))
            .addProperty(
                "instance",
                new StringSchema().description("The request path, when the server adds it."))
            .addProperty(
                "code",
                new StringSchema()
                    .description("The stable code of the failure, for a program.")
                    .example("invalid-field"))
            .addProperty(
                "field",
                new StringSchema()
                    .description(
                        "The offending input: a JSON path (`units[3].serial`), a header, a"
                            + " parameter, a CSV row and column, or a scan position.")
                    .example("units[3].serial"));
    problem.setRequired(List.of("type", "title", "status", "code"));
    problem.setAdditionalProperties(true);
    return problem;
  }

  /**
   * What every operation shares: the problem responses, the Idempotency-Key header's meaning,
   * parameter descriptions by name, sign-in (none for public paths), and examples of the main
   * requests.
   */
  @Bean
  @SuppressWarnings("rawtypes")
  OpenApiCustomizer sharedOperationParts() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> complete(path, method, operation)));
      // Added here, after springdoc dropped the schemas nothing referred to yet; sorted, so the
      // document reads the same on every start.
      Map<String, Schema> schemas = new TreeMap<>();
      if (openApi.getComponents().getSchemas() != null) {
        schemas.putAll(openApi.getComponents().getSchemas());
      }
      schemas.values().forEach(ApiContract::describeProperties);
      schemas.put(PROBLEM, problemSchema());
      openApi.getComponents().setSchemas(schemas);
    };
  }

  /**
   * Operation ids and tags a generated client reads well: {@code ReceivingApi.scan} is operation
   * {@code receivingScan} under tag {@code Receiving} (springdoc would say {@code scan_2} under
   * {@code receiving-api}).
   */
  @Bean
  GlobalOperationCustomizer operationNames() {
    return (operation, handler) -> {
      String area = handler.getBeanType().getSimpleName().replaceFirst("Api$", "");
      String method = handler.getMethod().getName();
      operation.setOperationId(
          Character.toLowerCase(area.charAt(0))
              + area.substring(1)
              + Character.toUpperCase(method.charAt(0))
              + method.substring(1));
      operation.setTags(List.of(area));
      return operation;
    };
  }

  @SuppressWarnings("rawtypes")
  private static void describeProperties(Schema schema) {
    if (schema.getProperties() == null) {
      return;
    }
    ((Map<String, Schema>) schema.getProperties())
        .forEach(
            (name, property) -> {
              if (property.getDescription() == null && property.get$ref() == null) {
                property.setDescription(ApiParameters.describeProperty(name));
              }
            });
  }

  private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
    if (WITHOUT_SIGN_IN.stream().anyMatch(path::startsWith)) {
      operation.setSecurity(List.of());
    }
    if (operation.getParameters() != null) {
      // OpenAPI describes these by the request body's media types and the security schemes.
      operation
          .getParameters()
          .removeIf(
              p ->
                  "header".equals(p.getIn())
                      && Set.of("content-type", "accept", "authorization")
                          .contains(p.getName().toLowerCase(java.util.Locale.ROOT)));
      // A path answered by two methods (JSON and CSV) brings each parameter twice.
      Set<String> seen = new java.util.HashSet<>();
      operation.getParameters().removeIf(p -> !seen.add(p.getIn() + " " + p.getName()));
      for (Parameter p : operation.getParameters()) {
        if (p.getDescription() == null || p.getDescription().isBlank()) {
          p.setDescription(ApiParameters.describe(path, p));
        }
      }
    }
    ApiExamples.of(method + " " + path).ifPresent(example -> addExample(operation, example));
    ApiExamples.csvOf(method + " " + path).ifPresent(example -> addExample(operation, example));
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    List<String> files = FILE_ANSWERS.get(operation.getOperationId());
    if (files != null) {
      Content content = new Content();
      files.forEach(
          type ->
              content.addMediaType(
                  type, new MediaType().schema(new StringSchema().format("binary"))));
      responses.addApiResponse("200", new ApiResponse().description("OK").content(content));
    }
    if ("gs1Parse".equals(operation.getOperationId())) {
      responses.addApiResponse(
          "200",
          new ApiResponse()
              .description("The element strings read, as the GS1 syntax engine names them.")
              .content(
                  new Content()
                      .addMediaType(
                          org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                          new MediaType().schema(new ObjectSchema()))));
    }
    for (String status : List.of("400", "401", "403", "404", "409", "422", "413", "429")) {
      if (status.equals("413") && operation.getRequestBody() == null) {
        continue;
      }
      boolean open = operation.getSecurity() != null;
      if (status.equals("401") && open) {
        continue;
      }
      if (!responses.containsKey(status)) {
        ApiResponse problem =
            new ApiResponse()
                .description(status.equals("429") && open ? OPEN_TOO_MANY : PROBLEMS.get(status))
                .content(
                    new Content()
                        .addMediaType(
                            PROBLEM_JSON,
                            new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        if (status.equals("429")) {
          problem.addHeaderObject(
              "Retry-After",
              new Header()
                  .description("Seconds to wait before signing in again.")
                  .schema(new IntegerSchema()));
        }
        responses.addApiResponse(status, problem);
      }
    }
  }

  private static void addExample(Operation operation, ApiExamples.Example example) {
    if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
      return;
    }
    MediaType body = operation.getRequestBody().getContent().get(example.mediaType());
    if (body != null) {
      body.addExamples(
          example.name(), new Example().summary(example.summary()).value(example.value()));
    }
  }

  /**
   * One schema per record: a record nested in a class is named with that class first ({@code
   * ReceivingApi.ScanBody} → {@code ReceivingApiScanBody}), so the scan bodies of receiving,
   * putaway and counting stay three schemas instead of collapsing into one. Registered first so
   * springdoc's own converters still wrap it.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  ModelResolver nestedTypeNames() {
    return new ModelResolver(Json.mapper(), new NestedTypeNames());
  }

  static final class NestedTypeNames extends TypeNameResolver {

    @Override
    protected String getNameOfClass(Class<?> cls) {
      StringBuilder name = new StringBuilder(super.getNameOfClass(cls));
      for (Class<?> outer = cls.getEnclosingClass();
          outer != null;
          outer = outer.getEnclosingClass()) {
        name.insert(0, outer.getSimpleName());
      }
      return name.toString();
    }
  }
}
