package io.unitrace.gs1;

/**
 * GS1 data that breaks a rule. {@link #code()} is a stable machine-readable reason (the constants
 * of this class; the README lists them with examples), {@link #ai()} the AI concerned (or {@code
 * null}), {@link #component()} the 1-based component of that AI as the syntax dictionary defines it
 * (0 when not about one component) and {@link #position()} the 0-based character index in the
 * original input where the problem is (-1 when there is no input, e.g. when writing a Digital
 * Link). {@link #getMessage()} is a sentence for people.
 */
public final class Gs1SyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Nothing to parse. */
  public static final String EMPTY = "empty";

  /** Digits where an AI should start that are not an AI in the syntax dictionary (or no digits). */
  public static final String UNKNOWN_AI = "unknown-ai";

  /** A bracketed element string without its {@code (AI)} brackets where they belong. */
  public static final String BRACKET_SYNTAX = "bracket-syntax";

  /** An AIM symbology identifier ({@code ]xy}) whose data is not GS1 data nor plain text. */
  public static final String UNSUPPORTED_SYMBOLOGY = "unsupported-symbology";

  /** A value (or one component of it) too short or too long. */
  public static final String LENGTH = "length";

  /**
   * A character outside the component's character set (N, X = CSET 82, Y = CSET 39, Z = base64url).
   */
  public static final String CHARSET = "charset";

  /** Linter {@code csum}: GS1 modulo-10 check digit wrong. */
  public static final String CHECK_DIGIT = "check-digit";

  /** Linter {@code csumalpha}: alphanumeric check character pair wrong. */
  public static final String CHECK_PAIR = "check-pair";

  /** Linters {@code gcppos1}, {@code gcppos2}: key does not start with a GS1 Company Prefix. */
  public static final String COMPANY_PREFIX = "company-prefix";

  /** Linters {@code yymmd0}, {@code yymmdd}, {@code yyyymmdd}: no such calendar date. */
  public static final String DATE = "date";

  /** Linters {@code hh}, {@code mi}, {@code ss}, {@code hhmi}: no such time of day. */
  public static final String TIME = "time";

  /** Linters {@code iso3166}, {@code iso3166999}, {@code iso3166alpha2}: unknown country code. */
  public static final String COUNTRY = "country";

  /** Linter {@code iso4217}: unknown currency code. */
  public static final String CURRENCY = "currency";

  /** Linter {@code iso5218}: not a sex code 0, 1, 2 or 9. */
  public static final String SEX_CODE = "sex-code";

  /** Linter {@code iban}: not a valid IBAN. */
  public static final String IBAN = "iban";

  /** Linter {@code importeridx}: not an EU 2018/574 importer index character. */
  public static final String IMPORTER_INDEX = "importer-index";

  /** Linters {@code latitude}, {@code longitude}: coordinate out of range. */
  public static final String COORDINATE = "coordinate";

  /** Linter {@code mediatype}: not an AIDC media type. */
  public static final String MEDIA_TYPE = "media-type";

  /** Linter {@code packagetype}: not a PackageTypeCode. */
  public static final String PACKAGE_TYPE = "package-type";

  /** Linter {@code nonzero}: value must not be zero. */
  public static final String ZERO_NOT_ALLOWED = "zero-not-allowed";

  /** Linter {@code zero}: value must be 0. */
  public static final String ZERO_REQUIRED = "zero-required";

  /** Linter {@code nozeroprefix}: value must not start with 0. */
  public static final String ZERO_PREFIX = "zero-prefix";

  /** Linter {@code hasnondigit}: value must contain a non-digit. */
  public static final String NON_DIGIT_REQUIRED = "non-digit-required";

  /** Linter {@code hyphen}: only '-' allowed. */
  public static final String HYPHEN_REQUIRED = "hyphen-required";

  /** Linter {@code yesno}: must be 0 or 1. */
  public static final String YES_NO = "yes-no";

  /** Linter {@code winding}: must be 0, 1 or 9. */
  public static final String WINDING = "winding";

  /** Linter {@code pcenc}: broken percent-encoding inside a value. */
  public static final String PERCENT_ENCODING = "percent-encoding";

  /** Linter {@code pieceoftotal}: piece/total pair malformed or piece above total. */
  public static final String PIECE_OF_TOTAL = "piece-of-total";

  /** Linter {@code posinseqslash}: position/count malformed or position above count. */
  public static final String POSITION_IN_SEQUENCE = "position-in-sequence";

  /** Linters {@code couponcode}, {@code couponposoffer}: coupon data malformed. */
  public static final String COUPON = "coupon";

  /** The same AI twice with different values (identical repeats are allowed and merged). */
  public static final String REPEATED_AI = "repeated-ai";

  /** Two AIs that the dictionary's {@code ex=} rule forbids together. */
  public static final String EXCLUDED_AI = "excluded-ai";

  /** An AI whose {@code req=} rule is not met by the other AIs present. */
  public static final String MISSING_REQUIRED_AI = "missing-required-ai";

  /** A Digital Link URI without a primary key AI (one with {@code dlpkey}) in its path. */
  public static final String DL_NO_PRIMARY_KEY = "dl-no-primary-key";

  /** Digital Link key qualifiers out of the order the primary key's {@code dlpkey=} gives. */
  public static final String DL_QUALIFIER_ORDER = "dl-qualifier-order";

  /** A Digital Link path AI that is not a key qualifier of the primary key. */
  public static final String DL_QUALIFIER_NOT_ALLOWED = "dl-qualifier-not-allowed";

  /** A Digital Link query parameter AI without the {@code ?} (data attribute) flag. */
  public static final String DL_NOT_ATTRIBUTE = "dl-not-attribute";

  /**
   * A Digital Link convenience alpha such as {@code gtin} instead of the numeric AI (not accepted).
   */
  public static final String DL_CONVENIENCE_ALPHA = "dl-convenience-alpha";

  /**
   * A {@code %} in a Digital Link URI not followed by two hex digits, or encoding a non-ASCII byte.
   */
  public static final String DL_PERCENT_ENCODING = "dl-percent-encoding";

  /**
   * No longer reported. It named another primary key pair in the Digital Link path before the one
   * that was used; the GS1 Digital Link URI Syntax reads the rightmost primary key and leaves
   * whatever precedes it to the resolver (its path prefix), so such a URI is now read.
   */
  @Deprecated public static final String DL_PATH_STRUCTURE = "dl-path-structure";

  /**
   * A Digital Link query parameter whose AI already appeared in the query or the path (the GS1
   * Digital Link URI Syntax allows each AI once per URI); see {@link
   * Gs1Options.Builder#allowRepeatedQueryAi}.
   */
  public static final String DL_REPEATED_AI = "dl-repeated-ai";

  /**
   * A key qualifier of the primary key given as a query parameter instead of in the path; see
   * {@link Gs1Options.Builder#allowQualifierInQuery}.
   */
  public static final String DL_QUALIFIER_IN_QUERY = "dl-qualifier-in-query";

  /**
   * A Digital Link URI that breaks the URI syntax: a mixed-case scheme, no host or a host with
   * characters a host cannot have, an IPv6 zone identifier, a trailing {@code /} after the path, a
   * character outside RFC 3986; see the switches of {@link Gs1Options.Builder}.
   */
  public static final String DL_URI_SYNTAX = "dl-uri-syntax";

  /**
   * A digital signature (8030) next to a GDTI (253), GCN (255) or GRAI (8003) without its serial
   * component; see {@link Gs1Options.Builder#allowDigitalSignatureWithUnserialisedKey}.
   */
  public static final String DIGSIG_UNSERIALISED_KEY = "digsig-unserialised-key";

  private final String code;
  private final String ai;
  private final int component;
  private final int position;

  Gs1SyntaxException(String code, String ai, int component, int position, String message) {
    super(ai == null ? message : "(" + ai + ") " + message);
    this.code = code;
    this.ai = ai;
    this.component = component;
    this.position = position;
  }

  /** Stable machine-readable reason, one of the constants of this class. */
  public String code() {
    return code;
  }

  /** The AI concerned, or {@code null} when the problem is not about one AI. */
  public String ai() {
    return ai;
  }

  /** 1-based component of the AI's data field as the dictionary defines it; 0 if not applicable. */
  public int component() {
    return component;
  }

  /** 0-based character index in the original input; -1 if there was no input. */
  public int position() {
    return position;
  }
}
