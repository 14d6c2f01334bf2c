package io.unitrace.gs1;

/**
 * How strictly {@link Gs1#parse(String, Gs1Options)} reads. {@link #STRICT}, the default of {@link
 * Gs1#parse(String)}, follows the GS1 standards to the letter; each switch of the {@link Builder}
 * tolerates exactly one known deviation that some printers, scanners or older software produce.
 * Every switch is off unless set, and none of them lets invalid GS1 data through: values are always
 * validated against the syntax dictionary. Immutable and safe to share.
 *
 * <pre>{@code
 * Gs1Options legacy = Gs1Options.builder().allowZeroSuppressedGtin(true).build();
 * Gs1.parse("https://example.com/01/9506000134352", legacy); // (01)09506000134352
 * }</pre>
 */
public final class Gs1Options {

  /** Everything as the standards say; what {@link Gs1#parse(String)} uses. */
  public static final Gs1Options STRICT = builder().build();

  private final boolean allowRepeatedQueryAi;
  private final boolean allowQualifierInQuery;
  private final boolean allowMixedCaseScheme;
  private final boolean allowTrailingSlash;
  private final boolean allowZeroSuppressedGtin;
  private final boolean allowIpv6ZoneId;
  private final boolean allowAnyGtinLengthAfterEanOrItf;
  private final boolean allowAiDataInPlainUri;
  private final boolean allowDigitalSignatureWithUnserialisedKey;

  private Gs1Options(Builder b) {
    this.allowRepeatedQueryAi = b.allowRepeatedQueryAi;
    this.allowQualifierInQuery = b.allowQualifierInQuery;
    this.allowMixedCaseScheme = b.allowMixedCaseScheme;
    this.allowTrailingSlash = b.allowTrailingSlash;
    this.allowZeroSuppressedGtin = b.allowZeroSuppressedGtin;
    this.allowIpv6ZoneId = b.allowIpv6ZoneId;
    this.allowAnyGtinLengthAfterEanOrItf = b.allowAnyGtinLengthAfterEanOrItf;
    this.allowAiDataInPlainUri = b.allowAiDataInPlainUri;
    this.allowDigitalSignatureWithUnserialisedKey = b.allowDigitalSignatureWithUnserialisedKey;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** See {@link Builder#allowRepeatedQueryAi}. */
  public boolean allowRepeatedQueryAi() {
    return allowRepeatedQueryAi;
  }

  /** See {@link Builder#allowQualifierInQuery}. */
  public boolean allowQualifierInQuery() {
    return allowQualifierInQuery;
  }

  /** See {@link Builder#allowMixedCaseScheme}. */
  public boolean allowMixedCaseScheme() {
    return allowMixedCaseScheme;
  }

  /** See {@link Builder#allowTrailingSlash}. */
  public boolean allowTrailingSlash() {
    return allowTrailingSlash;
  }

  /** See {@link Builder#allowZeroSuppressedGtin}. */
  public boolean allowZeroSuppressedGtin() {
    return allowZeroSuppressedGtin;
  }

  /** See {@link Builder#allowIpv6ZoneId}. */
  public boolean allowIpv6ZoneId() {
    return allowIpv6ZoneId;
  }

  /** See {@link Builder#allowAnyGtinLengthAfterEanOrItf}. */
  public boolean allowAnyGtinLengthAfterEanOrItf() {
    return allowAnyGtinLengthAfterEanOrItf;
  }

  /** See {@link Builder#allowAiDataInPlainUri}. */
  public boolean allowAiDataInPlainUri() {
    return allowAiDataInPlainUri;
  }

  /** See {@link Builder#allowDigitalSignatureWithUnserialisedKey}. */
  public boolean allowDigitalSignatureWithUnserialisedKey() {
    return allowDigitalSignatureWithUnserialisedKey;
  }

  @Override
  public String toString() {
    return "Gs1Options[allowRepeatedQueryAi="
        + allowRepeatedQueryAi
        + ", allowQualifierInQuery="
        + allowQualifierInQuery
        + ", allowMixedCaseScheme="
        + allowMixedCaseScheme
        + ", allowTrailingSlash="
        + allowTrailingSlash
        + ", allowZeroSuppressedGtin="
        + allowZeroSuppressedGtin
        + ", allowIpv6ZoneId="
        + allowIpv6ZoneId
        + ", allowAnyGtinLengthAfterEanOrItf="
        + allowAnyGtinLengthAfterEanOrItf
        + ", allowAiDataInPlainUri="
        + allowAiDataInPlainUri
        + ", allowDigitalSignatureWithUnserialisedKey="
        + allowDigitalSignatureWithUnserialisedKey
        + "]";
  }

  /** Builds {@link Gs1Options}; every switch starts off (strict). */
  public static final class Builder {

    private boolean allowRepeatedQueryAi;
    private boolean allowQualifierInQuery;
    private boolean allowMixedCaseScheme;
    private boolean allowTrailingSlash;
    private boolean allowZeroSuppressedGtin;
    private boolean allowIpv6ZoneId;
    private boolean allowAnyGtinLengthAfterEanOrItf;
    private boolean allowAiDataInPlainUri;
    private boolean allowDigitalSignatureWithUnserialisedKey;

    private Builder() {}

    /**
     * Tolerates a Digital Link query parameter whose AI already appeared, in the query ({@code
     * ?99=X&99=X}) or in the path ({@code /01/…?01=…}). Strict: refused with {@code
     * dl-repeated-ai}, as the GS1 Digital Link URI Syntax forbids duplicate AIs in one URI. When
     * allowed, repeats with the same value are merged and repeats with another value are still
     * refused ({@code repeated-ai}), as for element strings.
     */
    public Builder allowRepeatedQueryAi(boolean allow) {
      this.allowRepeatedQueryAi = allow;
      return this;
    }

    /**
     * Tolerates a key qualifier of the primary key given as a query parameter ({@code
     * /01/{gtin}?10=ABC}) where it could have stood in the path. Strict: refused with {@code
     * dl-qualifier-in-query}, as the GS1 Digital Link URI Syntax puts key qualifiers in the path,
     * in the order the key's {@code dlpkey=} gives.
     */
    public Builder allowQualifierInQuery(boolean allow) {
      this.allowQualifierInQuery = allow;
      return this;
    }

    /**
     * Tolerates a Digital Link scheme in mixed case ({@code HtTp://}). Strict: only {@code
     * http://}, {@code https://}, {@code HTTP://} and {@code HTTPS://} (the upper-case forms exist
     * for the alphanumeric mode of QR Code); anything else is refused with {@code dl-uri-syntax}.
     */
    public Builder allowMixedCaseScheme(boolean allow) {
      this.allowMixedCaseScheme = allow;
      return this;
    }

    /**
     * Tolerates a {@code /} after the last path value of a Digital Link ({@code /01/{gtin}/}).
     * Strict: refused with {@code dl-uri-syntax}; the GS1 Digital Link path ends with the value of
     * the primary key or of its last qualifier.
     */
    public Builder allowTrailingSlash(boolean allow) {
      this.allowTrailingSlash = allow;
      return this;
    }

    /**
     * Tolerates a GTIN-8, -12 or -13 written with its own length in a Digital Link ({@code
     * /01/9506000134352}) and pads it to 14 digits. Strict: refused with {@code length}; a GS1
     * Digital Link URI carries the GTIN in its 14-digit form (the zero-suppressed forms are a
     * legacy of early resolvers).
     */
    public Builder allowZeroSuppressedGtin(boolean allow) {
      this.allowZeroSuppressedGtin = allow;
      return this;
    }

    /**
     * Tolerates an IPv6 zone identifier in the host of a Digital Link ({@code
     * https://[fe80::1%25eth0]/01/…}, RFC 6874). Strict: refused with {@code dl-uri-syntax}: RFC
     * 3986, on which the GS1 Digital Link URI Syntax is built, has no zone identifiers, and a zone
     * only has a meaning on the machine that wrote it.
     */
    public Builder allowIpv6ZoneId(boolean allow) {
      this.allowIpv6ZoneId = allow;
      return this;
    }

    /**
     * Tolerates a GTIN of any of the lengths 8, 12, 13 or 14 after the symbology identifiers {@code
     * ]E0}, {@code ]E4} and {@code ]I1}. Strict: {@code ]E0} (EAN-13, and UPC-A / UPC-E, which a
     * reader transmits as 13 digits with a leading 0) carries exactly 13 digits, {@code ]E4}
     * (EAN-8) 8 and {@code ]I1} (ITF-14) 14; anything else is refused with {@code length}.
     */
    public Builder allowAnyGtinLengthAfterEanOrItf(boolean allow) {
      this.allowAnyGtinLengthAfterEanOrItf = allow;
      return this;
    }

    /**
     * Returns a URI behind {@code ]d1} / {@code ]Q1} that carries GS1 AIs (an {@code /AI/value}
     * pair at the end of its path or a numeric AI query parameter) but no primary key as {@link
     * Gs1Data.Form#PLAIN} text. Strict: refused with {@code dl-no-primary-key}. Such a URI is not a
     * GS1 Digital Link URI (one needs exactly one primary key), yet its AIs say it was meant as
     * one; returning it as text would drop GS1 data silently. URIs without any AI data stay plain
     * text either way.
     */
    public Builder allowAiDataInPlainUri(boolean allow) {
      this.allowAiDataInPlainUri = allow;
      return this;
    }

    /**
     * Tolerates a digital signature (8030) next to a GDTI (253), GCN (255) or GRAI (8003) without
     * its serial component. Strict: refused with {@code digsig-unserialised-key}; a DigSig signs
     * one serialised instance, so the GS1 General Specifications require those keys with their
     * serial component when (8030) is present (the syntax dictionary's {@code req=} of (8030) names
     * the keys; this rule sits beside it).
     */
    public Builder allowDigitalSignatureWithUnserialisedKey(boolean allow) {
      this.allowDigitalSignatureWithUnserialisedKey = allow;
      return this;
    }

    public Gs1Options build() {
      return new Gs1Options(this);
    }
  }
}
