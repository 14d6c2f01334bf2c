/**
 * GS1 barcode data for Unitrace: reads every form a scanner or a person hands us (bracketed and raw
 * element strings, AIM-prefixed scans, GS1 Digital Link URIs, bare GTINs and SSCCs), validates it
 * against the GS1 Barcode Syntax Dictionary and writes the canonical forms back out. Start at
 * {@link io.unitrace.gs1.Gs1}; no runtime dependencies.
 *
 * <p>Reading is as strict as the GS1 standards ({@link io.unitrace.gs1.Gs1Options#STRICT}, what
 * {@link io.unitrace.gs1.Gs1#parse(String)} uses). Leniency is explicit, one switch per known
 * deviation, all off by default ({@link io.unitrace.gs1.Gs1Options.Builder}):
 *
 * <ul>
 *   <li>{@code allowRepeatedQueryAi}: a Digital Link query AI that already appeared in the URI
 *       (otherwise {@code dl-repeated-ai});
 *   <li>{@code allowQualifierInQuery}: a key qualifier such as (10) in the query instead of the
 *       path (otherwise {@code dl-qualifier-in-query});
 *   <li>{@code allowMixedCaseScheme}: {@code HtTp://} (otherwise {@code dl-uri-syntax});
 *   <li>{@code allowTrailingSlash}: {@code /01/{gtin}/} (otherwise {@code dl-uri-syntax});
 *   <li>{@code allowZeroSuppressedGtin}: a GTIN-8/12/13 in a Digital Link, padded to 14 digits
 *       (otherwise {@code length});
 *   <li>{@code allowIpv6ZoneId}: {@code https://[fe80::1%25eth0]/…} (otherwise {@code
 *       dl-uri-syntax});
 *   <li>{@code allowAnyGtinLengthAfterEanOrItf}: a GTIN of 8, 12, 13 or 14 digits after {@code
 *       ]E0}, {@code ]E4}, {@code ]I1}, which otherwise carry exactly 13, 8 and 14 digits ({@code
 *       length});
 *   <li>{@code allowAiDataInPlainUri}: a URI behind {@code ]Q1} / {@code ]d1} with AIs but no
 *       primary key returned as plain text (otherwise {@code dl-no-primary-key});
 *   <li>{@code allowDigitalSignatureWithUnserialisedKey}: (8030) next to a GDTI, GCN or GRAI
 *       without serial (otherwise {@code digsig-unserialised-key}).
 * </ul>
 *
 * Values are validated against the dictionary whatever the options.
 */
package io.unitrace.gs1;
