package io.unitrace.shared;

import io.unitrace.gs1.Gln;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** GS1 identifiers appear in JSON as their plain digits, e.g. "gtin": "09506000134352". */
@Configuration(proxyBeanMethods = false)
class JsonIdentifiers {

  @Bean
  JacksonModule gs1Identifiers() {
    SimpleModule module = new SimpleModule("gs1-identifiers");
    module.addSerializer(Gtin.class, ToStringSerializer.instance);
    module.addSerializer(Sscc.class, ToStringSerializer.instance);
    module.addSerializer(Gln.class, ToStringSerializer.instance);
    return module;
  }
}
