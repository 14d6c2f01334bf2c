package io.unitrace.channels;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One event as the feed answers it; webhooks and RabbitMQ send the same with the client's code in
 * {@code tenant} (absent in the feed, where the client is the caller's).
 */
record FeedEvent(String tenant, long seq, String type, Instant recordedAt, JsonNode payload) {

  FeedEvent of(String tenantCode) {
    return new FeedEvent(tenantCode, seq, type, recordedAt, payload);
  }
}
