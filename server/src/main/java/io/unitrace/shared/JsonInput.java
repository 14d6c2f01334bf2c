package io.unitrace.shared;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read, the same for every module. A JSON number or boolean is not a string:
 * {@code {"code": 123}} is refused rather than read as "123". And no string holds NUL (U+0000):
 * PostgreSQL cannot store it and SQLite would, so the two databases would answer differently. Other
 * control characters are each field's rule ({@link Text}): a raw scan legitimately holds GS
 * (U+001D), a note a line feed. A property the body's type does not have is refused, naming it and
 * the known property it most likely meant ({@code expiryTracking} → {@code expiryTracked}), rather
 * than dropped: a misspelt flag would otherwise save the product without it. Only request bodies
 * are that strict; the application's own mapper, which also reads what the product stored (ledger
 * commands written by an older version), still skips what it does not know.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {

  @Bean
  JsonMapperBuilderCustomizer noScalarCoercionToText() {
    return builder ->
        builder.withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
  }

  /**
   * Request bodies are read by a copy of the application's mapper that refuses unknown properties.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  ServerHttpMessageConvertersCustomizer unknownPropertiesRefused(JsonMapper json) {
    JsonMapper strict =
        json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    return converters -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
  }

  @Bean
  JacksonModule textWithoutNul() {
    return new SimpleModule("text-without-nul").addDeserializer(String.class, new NoNul());
  }

  /** Reads a string as Jackson does, then refuses it if it holds NUL. */
  static final class NoNul extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      String s = super.deserialize(p, ctxt);
      int at = s == null ? -1 : s.indexOf('\0');
      if (at >= 0) {
        // No field here: the handler places the refusal at the JSON path where it happened.
        throw Problem.badRequest(
            "control-character",
            null,
            "text must not contain NUL (U+0000); found at position " + (at + 1));
      }
      return s;
    }
  }
}
