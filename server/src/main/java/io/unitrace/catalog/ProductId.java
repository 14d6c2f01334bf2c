package io.unitrace.catalog;

public record ProductId(long value) {}
