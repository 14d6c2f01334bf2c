package io.unitrace.shared;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * GS1 serials and lot codes may hold '/' and '%' (character set 82), and a unit's Digital Link path
 * carries them percent-encoded: {@code /01/09506000134352/21/AB%2F12}. Tomcat refuses an encoded
 * slash and Spring Security's firewall an encoded slash or percent by default, so such a unit could
 * be registered but never addressed. Here both pass through still encoded; the path matcher decodes
 * each path variable on its own, so %2F never becomes a path separator.
 */
@Configuration(proxyBeanMethods = false)
class EncodedPaths {

  @Bean
  HttpFirewall httpFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowUrlEncodedSlash(true);
    firewall.setAllowUrlEncodedPercent(true);
    return firewall;
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashPassesThrough() {
    return factory ->
        factory.addConnectorCustomizers(
            connector ->
                connector.setEncodedSolidusHandling(
                    EncodedSolidusHandling.PASS_THROUGH.getValue()));
  }
}
