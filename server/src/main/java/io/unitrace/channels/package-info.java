/**
 * Channels: what sales channels learn from the warehouse, as a per-client outbox of events read
 * through a change feed, pushed to signed webhooks and published to RabbitMQ.
 */
package io.unitrace.channels;
