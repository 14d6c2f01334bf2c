package io.unitrace.catalog;

import java.time.LocalDate;

public record Lot(
    long id, long productId, String code, LocalDate manufacturedOn, LocalDate expiresOn) {}
