package io.unitrace.channels;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local RabbitMQ broker the relay test publishes to ({@value #URI}, or {@code
 * -Dunitrace.rabbitmq.uri=...}). Without one the test is skipped with a loud notice on stderr,
 * unless {@code -Dunitrace.rabbitmq.required=true} makes a missing broker a failure.
 */
final class RabbitBroker implements ExecutionCondition {

  static final String URI = "amqp://guest:guest@127.0.0.1:5672";
  static final String INSTALL = "apt-get install rabbitmq-server && service rabbitmq-server start";

  private static final AtomicBoolean NOTICE_SHOWN = new AtomicBoolean();

  static String uri() {
    return System.getProperty("unitrace.rabbitmq.uri", URI);
  }

  static boolean required() {
    return Boolean.getBoolean("unitrace.rabbitmq.required");
  }

  /** A connection to the broker; throws when there is none. */
  static Connection connect() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(uri());
    factory.setConnectionTimeout(3_000);
    factory.setAutomaticRecoveryEnabled(false);
    return factory.newConnection("unitrace-test");
  }

  static boolean reachable() {
    try (Connection c = connect()) {
      return c.isOpen();
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (reachable()) {
      return ConditionEvaluationResult.enabled("RabbitMQ answers at " + RabbitRelay.safe(uri()));
    }
    if (required()) {
      // Enabled, so that connecting fails the test and the build, naming what is missing.
      return ConditionEvaluationResult.enabled("the RabbitMQ broker is required");
    }
    String why = "no RabbitMQ broker at " + RabbitRelay.safe(uri()) + ": RabbitMQ tests skipped";
    if (NOTICE_SHOWN.compareAndSet(false, true)) {
      String bar = "!".repeat(100);
      System.err.println(
          String.join(
              System.lineSeparator(),
              bar,
              "!! RABBITMQ TESTS SKIPPED: no broker answered at " + RabbitRelay.safe(uri()) + ".",
              "!! Start one to run them: " + INSTALL,
              "!! (or point -Dunitrace.rabbitmq.uri=amqp://... at another).",
              "!! -Dunitrace.rabbitmq.required=true makes a missing broker fail the build.",
              bar));
    }
    return ConditionEvaluationResult.disabled(why);
  }
}
