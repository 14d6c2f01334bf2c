package io.unitrace.facility;

public record LocationId(long value) {}
