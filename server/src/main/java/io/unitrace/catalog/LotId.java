package io.unitrace.catalog;

public record LotId(long value) {}
